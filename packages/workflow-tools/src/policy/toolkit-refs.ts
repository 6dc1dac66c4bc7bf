/**
 * How the reusable workflows name this repository's own actions: `augeo/infra/actions/<name>@v1`, the moving major
 * tag that release.yml sets. It is the one ref allowed without a SHA pin (docs/setup.md explains why), and the
 * rehearsal runs such references from the working tree.
 */
export const TOOLKIT_REPOSITORY = 'augeo/infra';
export const TOOLKIT_MAJOR_TAG = 'v1';

/** The action folder a `uses:` names inside this repository (`./actions/x` or `augeo/infra/actions/x@ref`). */
export function toolkitActionOf(uses: string): string | undefined {
  const local = /^\.\/actions\/([\w.-]+)\/?$/.exec(uses);
  if (local) return local[1];
  const remote = new RegExp(`^${TOOLKIT_REPOSITORY}/actions/([\\w.-]+)@[\\w.-]+$`).exec(uses);
  return remote?.[1];
}
