import { readFileSync } from 'node:fs';

/** The issue-comment calls a pull-request comment needs; an action adapts Octokit to it, so shared never sees a token. */
export interface IssueComments {
  list(issueNumber: number): Promise<{ id: number; body?: string }[]>;
  create(issueNumber: number, body: string): Promise<{ id: number }>;
  update(commentId: number, body: string): Promise<void>;
}

/** A hidden marker, e.g. `<!-- augeo:deploy-frontend:admin:pr-7 -->`: how a later push finds the comment to update. */
export function commentMarker(...parts: string[]): string {
  return `<!-- augeo:${parts.join(':')} -->`;
}

/** The pull request a run belongs to: the event payload's pull_request.number, else refs/pull/<n>/merge. */
export function pullRequestNumber(env: Readonly<Record<string, string | undefined>>): number | undefined {
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: unknown } };
      const number = event.pull_request?.number;
      if (typeof number === 'number' && Number.isInteger(number) && number > 0) return number;
    } catch {
      // An unreadable event file is no pull request; GITHUB_REF still may say which one.
    }
  }
  const fromRef = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '')?.[1];
  return fromRef === undefined ? undefined : Number(fromRef);
}

/**
 * One comment per pull request and marker, edited on every push instead of a new one each time (the official
 * Static Web Apps action's most upvoted complaint). Returns the comment id and what was done.
 */
export async function upsertComment(
  comments: IssueComments,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<{ id: number; action: 'created' | 'updated' }> {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const earlier = (await comments.list(issueNumber)).find((comment) => comment.body?.includes(marker));
  if (earlier) {
    await comments.update(earlier.id, text);
    return { id: earlier.id, action: 'updated' };
  }
  return { ...(await comments.create(issueNumber, text)), action: 'created' };
}
