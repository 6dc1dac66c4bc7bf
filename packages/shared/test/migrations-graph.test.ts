import { describe, expect, it } from '@jest/globals';
import { RevisionGraph } from '@augeo/shared/migrations/revision-graph';
import type { RevisionFile } from '@augeo/shared/migrations/revision-scan';

function revision(id: string, down: string[], phase: string | null = null): RevisionFile {
  return {
    file: `/repo/migrations/versions/${id}.py`,
    revision: id,
    line: 5,
    downRevisions: down,
    branchLabels: [],
    dependsOn: [],
    phase,
    phaseLine: phase ? 9 : null,
    upgradeLine: 12,
    operations: [],
  };
}

// a → b → (c: contract | d) → e (merge) → f
const history = [
  revision('f', ['e']),
  revision('e', ['c', 'd']),
  revision('d', ['b']),
  revision('c', ['b'], 'contract'),
  revision('b', ['a']),
  revision('a', []),
];

describe('revision graph', () => {
  const graph = new RevisionGraph(history);

  it('orders parents before children and finds the one head', () => {
    expect(graph.order).toEqual(['a', 'b', 'd', 'c', 'e', 'f']);
    expect(graph.heads).toEqual(['f']);
    expect(graph.problems).toEqual([]);
  });

  it('lists what an upgrade from a revision would run', () => {
    expect(graph.pendingFrom([])).toEqual(['a', 'b', 'd', 'c', 'e', 'f']);
    expect(graph.pendingFrom(['d'])).toEqual(['c', 'e', 'f']);
    expect(graph.pendingFrom(['f'])).toEqual([]);
  });

  it('in phase expand stops short of a contract revision and of everything built on it, even across a branch', () => {
    const pending = graph.pendingFrom(['a']);
    const expand = graph.applicableIn('expand', pending);
    expect(expand).toEqual(['b', 'd']);
    expect(graph.tipsOf(expand)).toEqual(['d']);
    expect(graph.applicableIn('contract', pending)).toEqual(pending);
    expect(graph.tipsOf(pending)).toEqual(['f']);
  });

  it('names every head, a missing parent, a duplicate id and a phase it does not know', () => {
    const broken = new RevisionGraph([
      revision('a', []),
      revision('b', ['a']),
      revision('c', ['a'], 'later'),
      revision('d', ['zz']),
      { ...revision('b', ['a']), file: '/repo/migrations/versions/b_copy.py' },
    ]);
    expect(broken.problems.map((problem) => [problem.rule, problem.revision])).toEqual([
      ['duplicate-revision', 'b'],
      ['invalid-phase-marker', 'c'],
      ['missing-down-revision', 'd'],
      ['multiple-heads', 'b'],
      ['multiple-heads', 'c'],
      ['multiple-heads', 'd'],
    ]);
    expect(broken.problems.find((problem) => problem.rule === 'invalid-phase-marker')?.line).toBe(9);
  });
});
