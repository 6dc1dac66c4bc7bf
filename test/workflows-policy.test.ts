import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkFile, checkRepository } from '@augeo/workflow-tools/policy/check-policy';
import { formatFinding } from '@augeo/workflow-tools/policy/finding';
import { POLICY_RULES } from '@augeo/workflow-tools/policy/rules';

const repoRoot = resolve(import.meta.dirname, '..');
const fixturesDir = join(repoRoot, 'test/fixtures/workflows');

/**
 * Each fixture breaks one rule on purpose and marks every line that must be reported with `expect: <rule>[, <rule>]`
 * (actionlint and ShellCheck see some of the same mistakes). The assertion is exact: those rules at those lines and
 * nothing else.
 */
function fixtureOf(rule: string): { path: string; kind: 'workflow' | 'action' } {
  const files = readdirSync(fixturesDir);
  if (files.includes(`${rule}.yml`)) return { path: join(fixturesDir, `${rule}.yml`), kind: 'workflow' };
  return { path: join(fixturesDir, rule, 'action.yml'), kind: 'action' };
}

function markers(path: string): Array<{ line: number; rule: string }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      const rules = /expect: ([\w, -]+)$/.exec(text)?.[1]?.split(',') ?? [];
      return rules.map((rule) => ({ line: index + 1, rule: rule.trim() }));
    });
}

const byLineThenRule = (a: { line: number; rule: string }, b: { line: number; rule: string }) =>
  a.line - b.line || a.rule.localeCompare(b.rule);

describe('workflow policy', () => {
  it('passes on every workflow, example caller workflow and action.yml in the repository', async () => {
    const findings = await checkRepository(repoRoot);
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it.each(POLICY_RULES.map((rule) => rule.id))('%s fails on its broken fixture, at the marked lines', async (rule) => {
    const { path, kind } = fixtureOf(rule);
    const expected = markers(path).sort(byLineThenRule);
    expect(expected.filter((marker) => marker.rule === rule).length).toBeGreaterThan(0);

    const findings = await checkFile(path, kind, repoRoot);

    const relativePath = path.slice(repoRoot.length + 1);
    expect(findings.every((finding) => finding.file === relativePath)).toBe(true);
    expect(findings.map(({ line, rule: id }) => ({ line, rule: id })).sort(byLineThenRule)).toEqual(expected);
  });
});
