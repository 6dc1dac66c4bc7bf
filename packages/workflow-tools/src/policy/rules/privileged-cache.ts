import { finding, type Rule } from '../rule.js';
import { jobsOf, permissionOf, withOf } from '../workflow-model.js';
import { lineOf, valueOf } from '../yaml-file.js';

/** W14: a job that can mint a deploy token restores no cache another workflow could have poisoned. */
export const privilegedCache: Rule = {
  id: 'privileged-cache',
  policy: 'W14',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file)
      .filter((job) => permissionOf(job, 'id-token') === 'write')
      .flatMap((job) =>
        job.steps
          .filter(
            (step) =>
              step.uses?.startsWith('actions/cache') ||
              (step.uses?.startsWith('actions/setup-') && (withOf(step).get('cache')?.text ?? '') !== ''),
          )
          .map((step) =>
            finding(
              context,
              this,
              lineOf(context.file, valueOf(step.map, 'uses')),
              `Job '${job.id}' can mint an OIDC token and restores a cache.`,
            ),
          ),
      );
  },
};
