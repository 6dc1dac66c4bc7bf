import { finding, type Rule } from '../rule.js';
import { jobsOf } from '../workflow-model.js';
import { lineOf, pairOf, textOf } from '../yaml-file.js';

/** W7: a called workflow gets the secrets it declares, by name, never all of them. */
export const secretsInherit: Rule = {
  id: 'secrets-inherit',
  policy: 'W7',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file).flatMap((job) => {
      const secrets = pairOf(job.map, 'secrets');
      return secrets && textOf(secrets.value) === 'inherit'
        ? [finding(context, this, lineOf(context.file, secrets), `Job '${job.id}' passes \`secrets: inherit\`.`)]
        : [];
    });
  },
};
