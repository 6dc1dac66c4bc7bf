import { getOctokit } from '@actions/github';
import type { IssueComments } from '@augeo/shared/provision/pull-request-comment';

/** Issue comments through Octokit; the API origin comes from GITHUB_API_URL, as on GHES (and the emulator). */
export function createOctokitIssueComments(
  token: string,
  env: Readonly<Record<string, string | undefined>>,
): IssueComments {
  const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    list: (issueNumber) =>
      octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 }),
    create: async (issueNumber, body) => {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    },
    update: async (commentId, body) => {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
    },
  };
}
