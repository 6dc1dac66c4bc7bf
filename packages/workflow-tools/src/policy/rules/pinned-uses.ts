import { finding, type Rule } from '../rule.js';
import { TOOLKIT_MAJOR_TAG, TOOLKIT_REPOSITORY } from '../toolkit-refs.js';
import { usesReferences } from '../uses-references.js';
import { lineOf } from '../yaml-file.js';

const FULL_SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+(\.\d+){0,2}\b/;

/**
 * W3: a third-party action or workflow is pinned to a full commit SHA with a `# vX.Y.Z` comment. Local paths run the
 * caller's own commit; this toolkit's own actions are named at its major tag (docs/setup.md says why).
 */
export const pinnedUses: Rule = {
  id: 'pinned-uses',
  policy: 'W3',
  appliesTo: 'workflow',
  check(context) {
    return usesReferences(context.file).flatMap(({ uses, node }) => {
      if (uses.startsWith('./')) return [];
      const line = lineOf(context.file, node);
      const report = (message: string) => [finding(context, this, line, message)];
      if (uses.startsWith('docker://')) {
        return uses.includes('@sha256:') ? [] : report(`'${uses}' is not pinned to an image digest.`);
      }
      const [path, ref] = uses.split('@');
      if (path?.startsWith(`${TOOLKIT_REPOSITORY}/`)) {
        return ref === TOOLKIT_MAJOR_TAG
          ? []
          : report(`'${uses}' names this toolkit at '${ref}'; its workflows use the release tag ${TOOLKIT_MAJOR_TAG}.`);
      }
      if (!ref || !FULL_SHA.test(ref)) return report(`'${uses}' is not pinned to a full 40-character commit SHA.`);
      const sourceLine = context.file.text.split('\n')[line - 1] ?? '';
      return VERSION_COMMENT.test(sourceLine) ? [] : report(`'${uses}' has no '# vX.Y.Z' comment naming its version.`);
    });
  },
};
