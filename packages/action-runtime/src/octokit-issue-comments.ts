import type { IssueComments } from '@augeo/shared/github/pull-request-comment';
import { createGitHubClient, currentRepository } from './github-client.js';

const PAGE_SIZE = 100;

/** Issue (pull request) comments of the current repository through the GitHub REST API. */
export function createOctokitIssueComments(
  token: string,
  env: Readonly<Record<string, string | undefined>>,
): IssueComments {
  const github = createGitHubClient(token, env);
  const repository = currentRepository(env);
  return {
    async list(issueNumber) {
      const comments: { id: number; body?: string }[] = [];
      for (let page = 1; ; page += 1) {
        const { data } = await github.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          ...repository,
          issue_number: issueNumber,
          per_page: PAGE_SIZE,
          page,
        });
        comments.push(...data.map((comment) => ({ id: Number(comment.id), body: comment.body ?? undefined })));
        if (data.length < PAGE_SIZE) return comments;
      }
    },
    async create(issueNumber, body) {
      const { data } = await github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repository,
        issue_number: issueNumber,
        body,
      });
      return { id: Number(data.id) };
    },
    async update(commentId, body) {
      await github.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...repository,
        comment_id: commentId,
        body,
      });
    },
  };
}
