// Times `actions/migrate` in lint mode over a large generated history: >= 300 revisions with branch points and
// merge revisions, run through the bundled dist/index.js with real Alembic, Python and Squawk.
// Usage: node scripts/bench-migrations.mjs [--revisions 300] [--keep]
// Goal (issue 4): under 10 s for 300 revisions on the dev machine. Prints the figure; it is not a test.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const repoRoot = resolve(import.meta.dirname, '..');
const dist = join(repoRoot, 'actions/migrate/dist/index.js');
const { values } = parseArgs({
  options: { revisions: { type: 'string', default: '300' }, keep: { type: 'boolean', default: false } },
});
const wanted = Number(values.revisions);

/** Every 12 revisions the history forks into two branches of three and merges them again. */
function generateHistory(versionsDir) {
  let count = 0;
  let merges = 0;
  const write = (id, down, body) => {
    const downRevision = Array.isArray(down)
      ? `(${down.map((d) => `"${d}"`).join(', ')})`
      : down
        ? `"${down}"`
        : 'None';
    const lines = [
      `"""bench revision ${id}"""`,
      'from alembic import op',
      'import sqlalchemy as sa',
      '',
      `revision = "${id}"`,
      `down_revision = ${downRevision}`,
      'branch_labels = None',
      'depends_on = None',
      '',
      '',
      'def upgrade() -> None:',
      ...body.map((line) => `    ${line}`),
      '',
      '',
      'def downgrade() -> None:',
      '    pass',
      '',
    ];
    writeFileSync(join(versionsDir, `${id}_bench.py`), lines.join('\n'));
    count += 1;
  };
  const change = (id) => {
    const n = Number.parseInt(id.slice(1), 10);
    switch (n % 3) {
      case 0:
        return [
          `op.create_table("bench_${n}", sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True), sa.Column("name", sa.Text, nullable=True))`,
        ];
      case 1:
        return [`op.add_column("users", sa.Column("bench_${n}", sa.Text, nullable=True))`];
      default:
        return [
          'with op.get_context().autocommit_block():',
          `    op.create_index("ix_users_bench_${n}", "users", ["email"], postgresql_concurrently=True)`,
        ];
    }
  };
  let head = '0003';
  let serial = 0;
  const nextId = () => `r${String((serial += 1)).padStart(5, '0')}`;
  while (count < wanted) {
    if (serial % 12 === 11) {
      const branches = [0, 1].map(() => {
        let tip = head;
        for (let step = 0; step < 3; step += 1) {
          const id = nextId();
          write(id, tip, change(id));
          tip = id;
        }
        return tip;
      });
      const merge = nextId();
      write(merge, branches, ['pass']);
      merges += 1;
      head = merge;
    } else {
      const id = nextId();
      write(id, head, change(id));
      head = id;
    }
  }
  return { count, merges, head };
}

const project = mkdtempSync(join(tmpdir(), 'augeo-bench-migrations-'));
try {
  cpSync(join(repoRoot, 'examples/api/alembic.ini'), join(project, 'alembic.ini'));
  cpSync(join(repoRoot, 'examples/api/migrations'), join(project, 'migrations'), {
    recursive: true,
    filter: (source) => !source.includes('__pycache__'),
  });
  mkdirSync(join(project, 'migrations/versions'), { recursive: true });
  const history = generateHistory(join(project, 'migrations/versions'));
  const outputs = join(project, 'github-output');
  writeFileSync(outputs, '');
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [dist], {
    cwd: project,
    env: { PATH: process.env.PATH, GITHUB_WORKSPACE: project, GITHUB_OUTPUT: outputs, INPUT_MODE: 'lint' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const text = readFileSync(outputs, 'utf8');
  const findings = JSON.parse(/findings<<(\S+)\n([\s\S]*?)\n\1/.exec(text)?.[2] ?? '[]');
  const blocking = findings.filter((finding) => finding.severity === 'block');
  console.log(
    `lint over ${history.count + 3} revisions (${history.merges} branch/merge points, head ${history.head}): ` +
      `${seconds.toFixed(2)} s, exit ${run.status}, ${findings.length} findings (${blocking.length} blocking)`,
  );
  if (run.status !== 0 || blocking.length > 0) {
    console.error(
      run.stdout
        .split('\n')
        .filter((line) => line.startsWith('::error'))
        .slice(0, 10)
        .join('\n'),
    );
    process.exitCode = 1;
  }
} finally {
  if (values.keep) console.log(`kept ${project}`);
  else rmSync(project, { recursive: true, force: true });
}
