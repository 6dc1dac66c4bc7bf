import type { Deployment, DeploymentRecorder } from '@augeo/shared/github/deployments';
import { createGitHubClient, currentRepository } from './github-client.js';

/**
 * GitHub Deployments through Octokit. The API origin comes from GITHUB_API_URL, as on GHES (and the emulator).
 * auto_merge is off and required_contexts empty: a deploy step must never merge branches or wait for checks.
 */
export function createOctokitDeploymentRecorder(
  token: string,
  env: Readonly<Record<string, string | undefined>>,
): DeploymentRecorder {
  const github = createGitHubClient(token, env);
  const { owner, repo } = currentRepository(env);
  const logUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  return {
    async create(request): Promise<Deployment> {
      const created = await github.request('POST /repos/{owner}/{repo}/deployments', {
        owner,
        repo,
        ref: request.ref,
        environment: request.environment,
        description: request.description.slice(0, 140),
        payload: request.payload,
        auto_merge: false,
        required_contexts: [],
        production_environment: request.environment === 'production',
      });
      const id = (created.data as { id?: number }).id;
      if (id === undefined) throw new Error(`GitHub did not create a deployment: ${JSON.stringify(created.data)}`);
      return {
        async setStatus(state, update) {
          await github.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
            owner,
            repo,
            deployment_id: id,
            state,
            description: update.description,
            ...(update.environmentUrl ? { environment_url: update.environmentUrl } : {}),
            ...(logUrl ? { log_url: logUrl } : {}),
          });
        },
      };
    },
  };
}
