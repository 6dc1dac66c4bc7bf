import { finding, type Rule } from '../rule.js';
import { jobsOf, withOf } from '../workflow-model.js';
import { lineOf, valueOf } from '../yaml-file.js';

/** W6: checkout must not leave the token in the workspace, where later steps and artifacts can read it. */
export const persistCredentials: Rule = {
  id: 'persist-credentials',
  policy: 'W6',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file).flatMap((job) =>
      job.steps
        .filter((step) => step.uses?.startsWith('actions/checkout@'))
        .filter((step) => withOf(step).get('persist-credentials')?.text !== 'false')
        .map((step) =>
          finding(
            context,
            this,
            lineOf(context.file, valueOf(step.map, 'uses')),
            `Job '${job.id}' checks out without \`persist-credentials: false\`.`,
          ),
        ),
    );
  },
};
