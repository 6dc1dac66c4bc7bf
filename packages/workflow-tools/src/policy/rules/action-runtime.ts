import { finding, type Rule } from '../rule.js';
import { rootOf } from '../workflow-model.js';
import { asMap, lineOf, pairOf, textOf } from '../yaml-file.js';

/** W17: actions run on node24 from their committed bundle. */
export const actionRuntime: Rule = {
  id: 'action-runtime',
  policy: 'W17',
  appliesTo: 'action',
  check(context) {
    const runsPair = pairOf(rootOf(context.file), 'runs');
    const runs = asMap(runsPair?.value);
    const using = pairOf(runs, 'using');
    const main = pairOf(runs, 'main');
    const problems = [];
    if (textOf(using?.value) !== 'node24') {
      problems.push(
        finding(
          context,
          this,
          lineOf(context.file, using ?? runsPair),
          `runs.using is '${textOf(using?.value)}'; actions run on node24.`,
        ),
      );
    }
    if (textOf(main?.value) !== 'dist/index.js') {
      problems.push(
        finding(
          context,
          this,
          lineOf(context.file, main ?? runsPair),
          `runs.main is '${textOf(main?.value)}'; actions run their bundle, dist/index.js.`,
        ),
      );
    }
    return problems;
  },
};
