import { githubIdTokenSource } from '@augeo/action-runtime/github-id-token';
import { runAction } from '@augeo/action-runtime/run-action';
import { runMigrate } from '@augeo/shared/migrations/run-migrate';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runMigrate(io, githubIdTokenSource);
  });
}
