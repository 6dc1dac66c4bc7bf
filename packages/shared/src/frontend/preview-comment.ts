/** The issue-comment calls the preview comment needs; the action adapts Octokit to it. */
export interface IssueComments {
  list(issueNumber: number): Promise<{ id: number; body: string }[]>;
  create(issueNumber: number, body: string): Promise<{ id: number }>;
  update(commentId: number, body: string): Promise<void>;
}

/** A hidden marker per site and environment: how a later push finds the comment it should update. */
export function commentMarker(site: string, environment: string): string {
  return `<!-- augeo:deploy-frontend:${site}:${environment} -->`;
}

/**
 * One comment per pull request and preview, edited on every push instead of a new one each time (the official
 * action's most upvoted complaint). Returns the comment id and whether it was created or updated.
 */
export async function upsertPreviewComment(
  comments: IssueComments,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<{ id: number; action: 'created' | 'updated' }> {
  const text = `${marker}\n${body}`;
  const earlier = (await comments.list(issueNumber)).find((comment) => comment.body.includes(marker));
  if (earlier) {
    await comments.update(earlier.id, text);
    return { id: earlier.id, action: 'updated' };
  }
  const created = await comments.create(issueNumber, text);
  return { id: created.id, action: 'created' };
}

/** The pull request a run belongs to, from the event GitHub wrote to GITHUB_EVENT_PATH. */
export function pullRequestNumber(event: unknown): number | undefined {
  const payload = (typeof event === 'object' && event !== null ? event : {}) as {
    pull_request?: { number?: unknown };
    number?: unknown;
  };
  const number = payload.pull_request?.number ?? payload.number;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}
