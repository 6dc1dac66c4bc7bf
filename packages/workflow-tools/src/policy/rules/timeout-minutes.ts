import { finding, type Rule } from '../rule.js';
import { callsWorkflow, jobsOf } from '../workflow-model.js';
import { lineOf, pairOf } from '../yaml-file.js';

/** W11: every job is bounded; the default is six hours. Calls to reusable workflows are bounded by their jobs. */
export const timeoutMinutes: Rule = {
  id: 'timeout-minutes',
  policy: 'W11',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file)
      .filter((job) => !callsWorkflow(job) && !pairOf(job.map, 'timeout-minutes'))
      .map((job) =>
        finding(context, this, lineOf(context.file, job.pair), `Job '${job.id}' has no \`timeout-minutes\`.`),
      );
  },
};
