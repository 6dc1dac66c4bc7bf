import { githubIdTokenSource } from '@augeo/action-runtime/github-id-token';
import { runAction } from '@augeo/action-runtime/run-action';
import { runDrDrill } from '@augeo/shared/operations/run-dr-drill';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runDrDrill(io, { idTokens: githubIdTokenSource });
  });
}
