import { finding, type Rule } from '../rule.js';
import { environmentNameOf, jobsOf } from '../workflow-model.js';
import { asMap, lineOf, pairOf, textOf, valueOf } from '../yaml-file.js';

const DEPLOY_ENVIRONMENTS = new Set(['dev', 'staging', 'production']);
/** `<env>-infra` is where the provisioning principal runs (docs/bootstrap.md): it changes `<env>`, so it holds its group. */
const INFRA_SUFFIX = '-infra';
/** The frontend lives in its own resource; it gets its own group so a pending rollback cannot replace it. */
const ALLOWED_SUFFIXES = ['', '-frontend'];

/**
 * W10: every job that writes to a deploy environment holds the environment's one group,
 * `deploy-${{ github.repository }}-<environment>`, and never cancels a running deploy or rollback. A job in
 * `<environment>-infra` provisions that environment, so it holds the same group.
 */
export const deployConcurrency: Rule = {
  id: 'deploy-concurrency',
  policy: 'W10',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file).flatMap((job) => {
      const named = environmentNameOf(job);
      const environment = named?.endsWith(INFRA_SUFFIX) ? named.slice(0, -INFRA_SUFFIX.length) : named;
      if (environment === undefined || !(environment.includes('${{') || DEPLOY_ENVIRONMENTS.has(environment)))
        return [];
      const concurrencyPair = pairOf(job.map, 'concurrency');
      const concurrency = asMap(concurrencyPair?.value);
      const expected = `deploy-\${{ github.repository }}-${environment}`;
      const report = (at: unknown, message: string) => [finding(context, this, lineOf(context.file, at), message)];
      if (!concurrency) {
        return report(
          concurrencyPair ?? job.pair,
          `Job '${job.id}' deploys to '${environment}' without a job-level concurrency group (group: ${expected}).`,
        );
      }
      const group = textOf(valueOf(concurrency, 'group'));
      const cancel = pairOf(concurrency, 'cancel-in-progress');
      if (!ALLOWED_SUFFIXES.some((suffix) => group === expected + suffix)) {
        return report(
          pairOf(concurrency, 'group') ?? concurrencyPair,
          `Job '${job.id}' uses group '${group}'; deploys and rollbacks of an environment share '${expected}'.`,
        );
      }
      if (textOf(cancel?.value) !== 'false') {
        return report(
          cancel ?? concurrencyPair,
          `Job '${job.id}' must set \`cancel-in-progress: false\`: cancelling mid-swap leaves work half-done.`,
        );
      }
      return [];
    });
  },
};
