import { githubIdTokenSource } from '@augeo/action-runtime/github-id-token';
import { runAction } from '@augeo/action-runtime/run-action';
import { runProvision } from '@augeo/shared/provision/run-provision';
import { createOctokitIssueComments } from '@augeo/action-runtime/octokit-issue-comments';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runProvision(io, {
      idTokens: githubIdTokenSource,
      comments: (token) => createOctokitIssueComments(token, io.env),
    });
  });
}
