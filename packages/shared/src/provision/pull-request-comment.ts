import { readFileSync } from 'node:fs';

/** The issue-comment calls the what-if needs; the action implements them with Octokit, shared never sees a token. */
export interface IssueComments {
  list(issueNumber: number): Promise<{ id: number; body?: string }[]>;
  create(issueNumber: number, body: string): Promise<void>;
  update(commentId: number, body: string): Promise<void>;
}

/** The pull request a run belongs to: the event payload's pull_request.number, else refs/pull/<n>/merge. */
export function pullRequestNumber(env: Readonly<Record<string, string | undefined>>): number | undefined {
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: unknown } };
      if (typeof event.pull_request?.number === 'number') return event.pull_request.number;
    } catch {
      // An unreadable event file is no pull request; GITHUB_REF still may say which one.
    }
  }
  const fromRef = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '')?.[1];
  return fromRef === undefined ? undefined : Number(fromRef);
}

/** One comment per pull request and marker: updated on each push rather than piling up. Returns what it did. */
export async function upsertComment(
  comments: IssueComments,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<'created' | 'updated'> {
  const ours = (await comments.list(issueNumber)).find((comment) => comment.body?.includes(marker));
  if (ours) {
    await comments.update(ours.id, body);
    return 'updated';
  }
  await comments.create(issueNumber, body);
  return 'created';
}
