import { githubIdTokenSource } from '@augeo/action-runtime/github-id-token';
import { createOctokitDeploymentRecorder } from '@augeo/action-runtime/octokit-deployments';
import { runAction } from '@augeo/action-runtime/run-action';
import { runDeployBackend } from '@augeo/shared/blue-green/run-deploy-backend';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runDeployBackend(io, {
      idTokens: githubIdTokenSource,
      deployments: (token) => createOctokitDeploymentRecorder(token, io.env),
    });
  });
}
