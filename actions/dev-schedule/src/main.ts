import { githubIdTokenSource } from '@augeo/action-runtime/github-id-token';
import { runAction } from '@augeo/action-runtime/run-action';
import { runDevSchedule } from '@augeo/shared/operations/run-dev-schedule';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runDevSchedule(io, { idTokens: githubIdTokenSource });
  });
}
