import { describe, expect, it } from '@jest/globals';
import {
  commentMarker,
  pullRequestNumber,
  upsertPreviewComment,
  type IssueComments,
} from '../src/frontend/preview-comment.js';

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

describe('preview comment', () => {
  it('creates one comment, then edits it on later pushes; other previews get their own', async () => {
    const comments = memoryComments();
    await comments.create(7, 'a human comment');
    const marker = commentMarker('admin', 'pr-7');
    expect(await upsertPreviewComment(comments, 7, marker, 'build 1')).toEqual({ id: 2, action: 'created' });
    expect(await upsertPreviewComment(comments, 7, marker, 'build 2')).toEqual({ id: 2, action: 'updated' });
    await upsertPreviewComment(comments, 7, commentMarker('docs', 'pr-7'), 'docs build');
    expect(comments.all.map((comment) => comment.body)).toEqual([
      'a human comment',
      `${marker}\nbuild 2`,
      `${commentMarker('docs', 'pr-7')}\ndocs build`,
    ]);
  });

  it('finds the pull request number in pull_request events only', () => {
    expect(pullRequestNumber({ pull_request: { number: 12 }, number: 12 })).toBe(12);
    expect(pullRequestNumber({ ref: 'refs/heads/main' })).toBeUndefined();
    expect(pullRequestNumber(undefined)).toBeUndefined();
  });
});
