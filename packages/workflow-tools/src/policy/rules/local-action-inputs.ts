import { readActionMetadata } from '../../action-metadata.js';
import { finding, type Rule } from '../rule.js';
import { toolkitActionOf } from '../toolkit-refs.js';
import { jobsOf, withOf } from '../workflow-model.js';
import { lineOf, valueOf } from '../yaml-file.js';

/** Every step using one of this repository's actions passes only inputs its action.yml declares, and every required one. */
export const localActionInputs: Rule = {
  id: 'local-action-inputs',
  policy: 'action.yml contract',
  appliesTo: 'workflow',
  check(context) {
    return jobsOf(context.file).flatMap((job) =>
      job.steps.flatMap((step) => {
        const name = step.uses === undefined ? undefined : toolkitActionOf(step.uses);
        if (name === undefined) return [];
        const usesLine = lineOf(context.file, valueOf(step.map, 'uses'));
        const metadata = readActionMetadata(context.repoRoot, name);
        if (!metadata)
          return [finding(context, this, usesLine, `'${step.uses}' names actions/${name}, which has no action.yml.`)];
        const given = withOf(step);
        const unknown = [...given].filter(([input]) => !metadata.inputs.has(input));
        const missing = [...metadata.inputs].filter(
          ([input, spec]) => spec.required && spec.default === undefined && !given.has(input),
        );
        return [
          ...unknown.map(([input, { pair }]) =>
            finding(
              context,
              this,
              lineOf(context.file, pair),
              `actions/${name} declares no input '${input}' (it has: ${[...metadata.inputs.keys()].join(', ')}).`,
            ),
          ),
          ...missing.map(([input]) =>
            finding(context, this, usesLine, `actions/${name} requires input '${input}', which is not given.`),
          ),
        ];
      }),
    );
  },
};
