import { runAction } from '@augeo/action-runtime/run-action';
import { notImplemented } from '@augeo/shared/errors';

/** Not built yet: fails loudly so no workflow mistakes it for a working step. */
export async function run(): Promise<void> {
  await runAction(async () => {
    throw notImplemented('deploy-frontend', 'issue 6 (frontend deploys)');
  });
}
