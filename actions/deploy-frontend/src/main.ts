import { githubIdTokenSource } from '@augeo/action-runtime/github-id-token';
import { runAction } from '@augeo/action-runtime/run-action';
import { openAzureSession } from '@augeo/shared/azure/azure-session';
import { deployFrontend } from '@augeo/shared/frontend/deploy-frontend';
import { createOctokitIssueComments } from '@augeo/action-runtime/octokit-issue-comments';

/** Deploys the frontend to Static Web Apps (production or a PR preview), rolls it back, or closes a preview. */
export async function run(): Promise<void> {
  await runAction((io) =>
    deployFrontend({
      io,
      openAzure: () => openAzureSession(io, githubIdTokenSource),
      issueComments: (token) => createOctokitIssueComments(token, io.env),
    }),
  );
}
