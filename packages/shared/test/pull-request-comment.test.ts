import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commentMarker,
  pullRequestNumber,
  upsertComment,
  type IssueComments,
} from '@augeo/shared/github/pull-request-comment';

/** Issue comments held in memory: the upsert logic is what is under test, not GitHub. */
function memoryComments(): IssueComments & { all: { id: number; issue: number; body: string }[] } {
  const all: { id: number; issue: number; body: string }[] = [];
  return {
    all,
    list: async (issue) => all.filter((comment) => comment.issue === issue),
    create: async (issue, body) => {
      const comment = { id: all.length + 1, issue, body };
      all.push(comment);
      return { id: comment.id };
    },
    update: async (id, body) => {
      const comment = all.find((candidate) => candidate.id === id);
      if (comment) comment.body = body;
    },
  };
}

describe('pull request comment', () => {
  it('creates one comment, then edits it on later pushes; another marker gets its own', async () => {
    const comments = memoryComments();
    await comments.create(7, 'a human comment');
    const marker = commentMarker('deploy-frontend', 'admin', 'pr-7');
    expect(marker).toBe('<!-- augeo:deploy-frontend:admin:pr-7 -->');
    expect(await upsertComment(comments, 7, marker, 'build 1')).toEqual({ id: 2, action: 'created' });
    expect(await upsertComment(comments, 7, marker, 'build 2')).toEqual({ id: 2, action: 'updated' });
    const docs = commentMarker('deploy-frontend', 'docs', 'pr-7');
    await upsertComment(comments, 7, docs, `${docs}\ndocs build`);
    expect(comments.all.map((comment) => comment.body)).toEqual([
      'a human comment',
      `${marker}\nbuild 2`,
      `${docs}\ndocs build`,
    ]);
  });

  it('finds the pull request in the event payload, else in refs/pull/<n>/merge', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pull-request-event-'));
    try {
      const event = join(dir, 'event.json');
      await writeFile(event, JSON.stringify({ pull_request: { number: 12 } }));
      expect(pullRequestNumber({ GITHUB_EVENT_PATH: event, GITHUB_REF: 'refs/pull/99/merge' })).toBe(12);
      expect(pullRequestNumber({ GITHUB_REF: 'refs/pull/99/merge' })).toBe(99);
      expect(pullRequestNumber({ GITHUB_REF: 'refs/heads/main' })).toBeUndefined();
      await writeFile(event, JSON.stringify({ ref: 'refs/heads/main' }));
      expect(pullRequestNumber({ GITHUB_EVENT_PATH: event })).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
