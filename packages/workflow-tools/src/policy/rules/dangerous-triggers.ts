import { finding, type Rule } from '../rule.js';
import { triggersOf } from '../workflow-model.js';
import { lineOf } from '../yaml-file.js';

const DANGEROUS = new Set(['pull_request_target', 'workflow_run']);

/** W4: triggers that run with the base repository's privileges on code or data a fork controls. */
export const dangerousTriggers: Rule = {
  id: 'dangerous-triggers',
  policy: 'W4',
  appliesTo: 'workflow',
  check(context) {
    return triggersOf(context.file)
      .filter(({ name }) => DANGEROUS.has(name))
      .map(({ name, node }) =>
        finding(
          context,
          this,
          lineOf(context.file, node),
          `Trigger '${name}' runs privileged on fork input; use pull_request.`,
        ),
      );
  },
};
