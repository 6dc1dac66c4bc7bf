import type { LoadHook, ResolveHook } from 'node:module';

/** Our sources import `./x.js` (what tsc emits); on disk, before compiling, that file is `./x.ts`. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js'))
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    throw error;
  }
};

/** @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node refuses. */
export const load: LoadHook = async (url, context, nextLoad) =>
  url.endsWith('.json')
    ? nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } })
    : nextLoad(url, context);
