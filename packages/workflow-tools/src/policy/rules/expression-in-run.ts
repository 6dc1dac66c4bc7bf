import { isNode } from 'yaml';
import { finding, type Rule } from '../rule.js';
import { jobsOf } from '../workflow-model.js';
import { lineOf, valueOf } from '../yaml-file.js';

/** W5: `${{ }}` inside a script is template injection; pass the value through `env:` and quote "$VAR". */
export const expressionInRun: Rule = {
  id: 'expression-in-run',
  policy: 'W5',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file).flatMap((job) =>
      job.steps.flatMap((step) => {
        const run = valueOf(step.map, 'run');
        if (!isNode(run) || !run.range) return [];
        const [start, end] = run.range;
        const source = context.file.text.slice(start, end);
        return [...source.matchAll(/\$\{\{/g)].map((match) =>
          finding(
            context,
            this,
            lineOf(context.file, start + match.index),
            `Job '${job.id}' expands \`\${{ }}\` inside \`run:\`; pass it through \`env:\` instead.`,
          ),
        );
      }),
    );
  },
};
