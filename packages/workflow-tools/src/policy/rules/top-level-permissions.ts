import { isMap } from 'yaml';
import { finding, type Rule } from '../rule.js';
import { rootOf } from '../workflow-model.js';
import { entriesOf, lineOf, pairOf, textOf } from '../yaml-file.js';

/** W1: the workflow's default token has nothing (or only contents: read); jobs ask for what they need. */
export const topLevelPermissions: Rule = {
  id: 'top-level-permissions',
  policy: 'W1',
  appliesTo: 'workflow',
  check(context) {
    const pair = pairOf(rootOf(context.file), 'permissions');
    if (!pair)
      return [finding(context, this, 1, 'The workflow sets no top-level `permissions:`; set `permissions: {}`.')];
    const granted = isMap(pair.value)
      ? entriesOf(pair.value).map(({ key, pair: scope }) => `${key}: ${textOf(scope.value)}`)
      : [String(textOf(pair.value))];
    const excessive = granted.filter((grant) => grant !== 'contents: read');
    return excessive.length === 0
      ? []
      : [
          finding(
            context,
            this,
            lineOf(context.file, pair),
            `Top-level permissions grant ${excessive.join(', ')}; use \`permissions: {}\` and grant per job.`,
          ),
        ];
  },
};
