import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_SET } from '@augeo/shared/migrations/rule-set';
import { EXAMPLE_API, MigrationsProject, runGate, type GateRun } from './migrations-fixture.js';

// Offline: real Alembic renders the SQL, real Squawk lints it, Python's ast points at the lines. No database.

const blockedCases = [
  { id: '0004', rule: 'ban-drop-column', op: 'op.drop_column("users", "display_name")' },
  { id: '0005', rule: 'ban-drop-table', op: 'op.drop_table("projects")' },
  { id: '0006', rule: 'renaming-column', op: 'op.alter_column("users", "email", new_column_name="email_address")' },
  { id: '0007', rule: 'renaming-table', op: 'op.rename_table("users", "accounts")' },
  {
    id: '0008',
    rule: 'adding-required-field',
    op: 'op.add_column("users", sa.Column("tier", sa.Text, nullable=False))',
  },
  { id: '0009', rule: 'adding-not-nullable-field', op: 'op.alter_column("users", "last_seen_at", nullable=False)' },
  { id: '0010', rule: 'changing-column-type', op: 'op.alter_column("users", "display_name", type_=sa.String(200))' },
  {
    id: '0011',
    rule: 'require-concurrent-index-creation',
    op: 'op.create_index("ix_users_display_name", "users", ["display_name"])',
  },
  {
    id: '0012',
    rule: 'adding-foreign-key-constraint',
    op: 'op.create_foreign_key("fk_projects_owner", "projects", "users", ["owner_id"], ["id"])',
  },
];

const byRule = (run: GateRun, rule: string) => (run.result?.findings ?? []).filter((finding) => finding.rule === rule);
const errorAnnotations = (run: GateRun) => run.io.lines.filter((line) => line.level === 'error');

describe('migrate lint (offline)', () => {
  it('passes the migrations examples/api ships, with warnings at most', async () => {
    const run = await runGate({ dir: EXAMPLE_API }, { mode: 'lint' });

    expect(run.error).toBeUndefined();
    expect(run.result?.blocked).toBe(false);
    expect(run.result?.heads).toEqual(['0003']);
    expect(run.result?.checked).toEqual(['0001', '0002', '0003']);
    expect(run.io.outputValues.get('blocked')).toBe('false');
    expect(run.io.summaryText()).toContain('## Migration gate: lint — ✅ passes');
  });

  describe('a history with one unsafe change per revision', () => {
    const project = new MigrationsProject();
    let run: GateRun;

    beforeAll(async () => {
      let down = '0003';
      for (const { id, op } of blockedCases) {
        // A harmless call first, so the finding must be put on the right op.* line, not just the first one.
        project.addRevision({
          id,
          down,
          upgrade: [
            `op.create_table("t${id}", sa.Column("id", sa.BigInteger, primary_key=True))`,
            '# the change under test:',
            op,
          ],
        });
        down = id;
      }
      run = await runGate(project, { mode: 'lint' });
    });
    afterAll(() => project.remove());

    it('is blocked, and the step fails naming why', () => {
      expect(run.error?.message).toMatch(/^The migration gate blocked this lint: \d+ finding\(s\)/);
      expect(run.result).toBeUndefined();
      expect(run.io.outputValues.get('blocked')).toBe('true');
    });

    it.each(blockedCases)('blocks $rule at the file and line of the op.* call ($id)', ({ id, rule, op }) => {
      const line = project.lineOf(id, op);
      const findings = JSON.parse(run.io.outputValues.get('findings') ?? '[]') as {
        rule: string;
        severity: string;
        revision: string;
        file: string;
        line: number;
      }[];
      expect(findings).toContainEqual(
        expect.objectContaining({ rule, severity: 'block', revision: id, file: project.fileOf(id), line }),
      );
      expect(errorAnnotations(run)).toContainEqual(
        expect.objectContaining({
          where: expect.objectContaining({
            file: project.fileOf(id),
            startLine: line,
            title: `Migration gate: ${rule}`,
          }),
        }),
      );
      expect(run.io.summaryText()).toContain(`${project.fileOf(id)}:${line}`);
    });

    it('attributes nothing to the harmless create_table calls', () => {
      const findings = JSON.parse(run.io.outputValues.get('findings') ?? '[]') as {
        severity: string;
        revision: string;
        line: number;
      }[];
      for (const { id } of blockedCases) {
        const harmless = project.lineOf(id, `op.create_table("t${id}"`);
        expect(
          findings.filter(
            (finding) => finding.revision === id && finding.severity === 'block' && finding.line === harmless,
          ),
        ).toEqual([]);
      }
    });
  });

  it('blocks two heads, naming both, each on its own revision line', async () => {
    const project = new MigrationsProject();
    try {
      project.addRevision({
        id: '0004',
        down: '0003',
        upgrade: ['op.add_column("users", sa.Column("a", sa.Text, nullable=True))'],
      });
      project.addRevision({
        id: '0005',
        down: '0003',
        upgrade: ['op.add_column("users", sa.Column("b", sa.Text, nullable=True))'],
      });
      const run = await runGate(project, { mode: 'lint' });

      expect(run.error?.message).toContain('blocked');
      const heads = errorAnnotations(run).filter((line) => line.where?.title === 'Migration gate: multiple-heads');
      expect(heads.map((line) => line.where?.file).sort()).toEqual([project.fileOf('0004'), project.fileOf('0005')]);
      for (const line of heads) {
        expect(line.message).toContain('0004 and 0005');
        expect(line.where?.startLine).toBe(5);
      }
      expect(run.io.outputValues.get('head')).toBe('0004,0005');
    } finally {
      project.remove();
    }
  });

  it('blocks a revision whose down_revision is not in the folder', async () => {
    const project = new MigrationsProject();
    try {
      project.addRevision({ id: '0004', down: 'cafe0000', upgrade: ['pass'] });
      const run = await runGate(project, { mode: 'lint' });

      expect(run.error?.message).toContain('blocked');
      expect(errorAnnotations(run)).toContainEqual(
        expect.objectContaining({
          message: expect.stringContaining('revises cafe0000, which no file in the migrations folder defines'),
          where: expect.objectContaining({ file: project.fileOf('0004') }),
        }),
      );
    } finally {
      project.remove();
    }
  });

  it('blocks a revision file that is not valid Python, at the line Python stops at', async () => {
    const project = new MigrationsProject();
    try {
      project.addRevision({ id: '0004', down: '0003', upgrade: ['op.add_column("users", sa.Column("a", sa.Text)'] });
      const run = await runGate(project, { mode: 'lint' });

      expect(run.error?.message).toContain('blocked');
      expect(errorAnnotations(run)).toContainEqual(
        expect.objectContaining({
          message: expect.stringContaining(`${project.fileOf('0004')} is not valid Python`),
          where: expect.objectContaining({
            file: project.fileOf('0004'),
            title: 'Migration gate: unreadable-revision',
          }),
        }),
      );
    } finally {
      project.remove();
    }
  });

  it('lets a drop through in a revision marked phase = "contract", as a warning that says why', async () => {
    const project = new MigrationsProject();
    try {
      project.addRevision({
        id: '0004',
        down: '0003',
        phase: 'contract',
        upgrade: ['op.drop_column("users", "display_name")'],
      });
      const run = await runGate(project, { mode: 'lint' });

      expect(run.error).toBeUndefined();
      expect(byRule(run, 'ban-drop-column')).toEqual([
        expect.objectContaining({
          severity: 'warn',
          revision: '0004',
          line: project.lineOf('0004', 'op.drop_column'),
          note: expect.stringContaining('phase = "contract"'),
        }),
      ]);
    } finally {
      project.remove();
    }
  });

  it('blocks a phase marker it does not understand', async () => {
    const project = new MigrationsProject();
    try {
      project.addRevision({ id: '0004', down: '0003', phase: 'contracts', upgrade: ['pass'] });
      const run = await runGate(project, { mode: 'lint' });

      expect(run.error?.message).toContain('blocked');
      expect(JSON.parse(run.io.outputValues.get('findings') ?? '[]')).toContainEqual(
        expect.objectContaining({
          rule: 'invalid-phase-marker',
          severity: 'block',
          line: project.lineOf('0004', 'phase ='),
        }),
      );
    } finally {
      project.remove();
    }
  });

  it('turns a rule the team allows into an allowed finding, listed in the summary', async () => {
    const project = new MigrationsProject();
    try {
      project.addRevision({
        id: '0004',
        down: '0003',
        upgrade: ['op.alter_column("users", "display_name", type_=sa.String(200))'],
      });
      const run = await runGate(project, { mode: 'lint', allow: 'changing-column-type' });

      expect(run.error).toBeUndefined();
      expect(byRule(run, 'changing-column-type')).toEqual([
        expect.objectContaining({ severity: 'allowed', note: 'Accepted through allow: changing-column-type.' }),
      ]);
      expect(run.io.summaryText()).toContain('### Accepted by this workflow (`allow`)');
      expect(run.io.summaryText()).toContain('| `changing-column-type` | 1 |');
    } finally {
      project.remove();
    }
  });

  it('with base-ref, lints only the revisions added on the branch', async () => {
    const project = new MigrationsProject();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: project.dir,
        stdio: 'pipe',
      });
    try {
      // An old revision with a finding that is already in production, then a branch adding one.
      project.addRevision({ id: '0004', down: '0003', upgrade: ['op.drop_column("users", "display_name")'] });
      git('init', '-q', '-b', 'main');
      git('add', '.');
      git('commit', '-qm', 'base');
      git('checkout', '-qb', 'feature');
      project.addRevision({
        id: '0005',
        down: '0004',
        upgrade: ['op.create_index("ix_users_email2", "users", ["email"])'],
      });
      git('add', '.');
      git('commit', '-qm', 'feature');

      const run = await runGate(project, { mode: 'lint', 'base-ref': 'main' });

      expect(run.io.summaryText()).toContain('1 revision(s) for PostgreSQL 14 (changed since `main`)');
      const findings = JSON.parse(run.io.outputValues.get('findings') ?? '[]') as {
        rule: string;
        severity: string;
        revision: string;
      }[];
      expect(findings.filter((finding) => finding.severity !== 'warn')).toEqual([
        expect.objectContaining({ rule: 'require-concurrent-index-creation', revision: '0005' }),
      ]);
    } finally {
      project.remove();
    }
  });
});

it('lints a generated history of 300+ revisions with branches and merge points without error (scripts/bench-migrations.mjs)', () => {
  const printed = execFileSync(
    process.execPath,
    [resolve(import.meta.dirname, '../../../scripts/bench-migrations.mjs')],
    { encoding: 'utf8' },
  );
  expect(printed).toMatch(
    /^lint over 309 revisions \(25 branch\/merge points, head r00306\): [\d.]+ s, exit 0, \d+ findings \(0 blocking\)$/m,
  );
});

describe('docs/migrations.md', () => {
  const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/migrations.md'), 'utf8');

  it.each([...RULE_SET.values()].map((rule) => [rule.id, rule.severity] as const))(
    'lists rule %s as %s',
    (id, severity) => {
      expect(docs).toMatch(new RegExp(`^\\| \`${id}\` +\\| ${severity} +\\|`, 'm'));
    },
  );

  it('documents the contract marker the gate reads', () => {
    expect(docs).toContain('phase = "contract"');
    expect(readFileSync(join(EXAMPLE_API, 'migrations/script.py.mako'), 'utf8')).toContain('phase = "expand"');
  });
});
