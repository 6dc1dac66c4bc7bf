import { isMap } from 'yaml';
import { finding, type Rule } from '../rule.js';
import { jobsOf } from '../workflow-model.js';
import { lineOf, pairOf, textOf } from '../yaml-file.js';

/** W1: every job names its own minimal permissions; never the write-all / read-all shorthands. */
export const jobPermissions: Rule = {
  id: 'job-permissions',
  policy: 'W1',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file).flatMap((job) => {
      const pair = pairOf(job.map, 'permissions');
      if (!pair) {
        return [
          finding(context, this, lineOf(context.file, job.pair), `Job '${job.id}' declares no \`permissions:\`.`),
        ];
      }
      if (isMap(pair.value)) return [];
      return [
        finding(
          context,
          this,
          lineOf(context.file, pair),
          `Job '${job.id}' uses \`permissions: ${textOf(pair.value)}\`; name each scope it needs.`,
        ),
      ];
    });
  },
};
