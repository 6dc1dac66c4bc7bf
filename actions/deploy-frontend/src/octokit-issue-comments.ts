import { getOctokit } from '@actions/github';
import type { IssueComments } from '@augeo/shared/frontend/preview-comment';

/** Issue comments through Octokit; the API origin comes from GITHUB_API_URL, as on GHES (and the emulator). */
export function createOctokitIssueComments(
  token: string,
  env: Readonly<Record<string, string | undefined>>,
): IssueComments {
  const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    async list(issueNumber) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
      });
      return comments.map((comment) => ({ id: comment.id, body: comment.body ?? '' }));
    },
    async create(issueNumber, body) {
      const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
      return { id: created.data.id };
    },
    async update(commentId, body) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
    },
  };
}
