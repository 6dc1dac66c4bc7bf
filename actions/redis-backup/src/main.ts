import { githubIdTokenSource } from '@augeo/action-runtime/github-id-token';
import { runAction } from '@augeo/action-runtime/run-action';
import { runRedisBackup } from '@augeo/shared/operations/run-redis-backup';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runRedisBackup(io, { idTokens: githubIdTokenSource });
  });
}
