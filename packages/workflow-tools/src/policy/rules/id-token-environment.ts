import { finding, type Rule } from '../rule.js';
import { callsWorkflow, environmentNameOf, jobsOf, permissionOf } from '../workflow-model.js';
import { asMap, lineOf, pairOf, valueOf } from '../yaml-file.js';

/**
 * W2: only a job that names an environment may mint an OIDC token, because the environment is what gates the Azure
 * credential. A job calling a reusable workflow cannot name one: it grants id-token so the callee's jobs can.
 */
export const idTokenEnvironment: Rule = {
  id: 'id-token-environment',
  policy: 'W2',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file)
      .filter((job) => permissionOf(job, 'id-token') === 'write' && !callsWorkflow(job))
      .filter((job) => environmentNameOf(job) === undefined)
      .map((job) => {
        const permissions = pairOf(job.map, 'permissions');
        const idToken = pairOf(asMap(valueOf(job.map, 'permissions')), 'id-token');
        return finding(
          context,
          this,
          lineOf(context.file, idToken ?? permissions ?? job.pair),
          `Job '${job.id}' has \`id-token: write\` but names no \`environment:\`.`,
        );
      });
  },
};
