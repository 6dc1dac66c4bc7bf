import { relative } from 'node:path';
import type { Logger, OutputWriter, Summary } from '../io/action-io.js';
import { AlembicCli, type UpgradeFailure } from './alembic-cli.js';
import { revisionsChangedSince } from './changed-revisions.js';
import type { DatabaseUrl } from './database-url.js';
import { judgeFindings, type Finding, type RawFinding } from './findings.js';
import { DEFAULT_LINT_POSTGRES_VERSION } from './migrate-inputs.js';
import { migrationBlocked, notAtTarget, upgradeFailed } from '../errors.js';
import { openDatabaseSession, type DatabaseSession } from './migration-lock.js';
import { reportMigrationGate } from './migration-report.js';
import { revisionScripts, splitRenderedSql, statementAt, type RenderedStatement } from './offline-sql.js';
import { locateStatements, type SourceLine } from './operation-locator.js';
import { RevisionGraph, type Phase } from './revision-graph.js';
import { scanRevisions } from './revision-scan.js';
import { lintScripts, squawkCommand, type SquawkFinding } from './squawk.js';

export type MigrationMode = 'lint' | 'plan' | 'apply';

export interface MigrationGateConfig {
  mode: MigrationMode;
  phase: Phase;
  /** Root that annotation paths are relative to (GITHUB_WORKSPACE). */
  workspace: string;
  workingDirectory: string;
  alembicConfig: string;
  iniSection: string;
  alembicCommand: string[];
  databaseUrl?: DatabaseUrl;
  /** Rule ids the team accepts. */
  allow: string[];
  baseRef?: string;
  postgresVersion?: number;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  lockWaitTimeoutMs: number;
}

export interface MigrationGateDeps {
  log: Logger;
  outputs: OutputWriter;
  summary: Summary;
  /** The environment Alembic, Python and Squawk run with. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface MigrationGateResult {
  mode: MigrationMode;
  phase: Phase;
  /** The database's revisions when the gate read them (plan, apply); undefined for lint. */
  before?: string[];
  /** The database's revisions at the end: after the upgrade for apply; undefined for lint. */
  current?: string[];
  heads: string[];
  /** Revisions the database lacks (plan, apply), in the order Alembic runs them. */
  pending: string[];
  /** Of the pending, those this phase applies (apply) or would apply (plan). */
  applicable: string[];
  /** Pending contract revisions (and what builds on them) that phase expand leaves for phase contract. */
  heldBack: string[];
  applied: string[];
  /** Revisions whose SQL was linted. */
  checked: string[];
  findings: Finding[];
  blocked: boolean;
  postgresVersion: string;
  failure?: UpgradeFailure & { stillAt: string[] };
}

/**
 * The migration gate: lint, plan or apply, as config.mode says. It reports through deps (outputs, annotations on the
 * op.* line of each finding, job summary) and throws when the migration is blocked or fails, after reporting, so
 * a caller such as deploy-backend cannot go on by mistake: a thrown gate means no slot may change.
 */
export async function runMigrationGate(
  config: MigrationGateConfig,
  deps: MigrationGateDeps,
): Promise<MigrationGateResult> {
  const secrets = config.databaseUrl?.secrets ?? [];
  for (const secret of secrets) deps.log.mask(secret);
  const childEnv = {
    ...deps.env,
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl.sqlalchemy } : {}),
  };
  const alembic = new AlembicCli({
    command: config.alembicCommand,
    cwd: config.workingDirectory,
    configFile: config.alembicConfig,
    iniSection: config.iniSection,
    env: childEnv,
    secrets,
  });
  deps.log.info(`Using ${await alembic.version()} (${alembic.commandLine}).`);
  const scan = await scanRevisions(config.alembicConfig, config.iniSection, config.workingDirectory);
  const graph = new RevisionGraph(scan.revisions);
  deps.log.info(
    `Read ${graph.byId.size} revision(s) from ${scan.versionDirs.map((dir) => relative(config.workspace, dir) || '.').join(', ')}; head: ${graph.heads.join(', ') || '(none)'}.`,
  );

  const structural: RawFinding[] = [
    ...scan.problems.map((problem) => ({
      rule: 'unreadable-revision',
      file: problem.file,
      line: problem.line ?? undefined,
      message: `${relative(config.workspace, problem.file)} ${problem.message}.`,
    })),
    ...graph.problems,
  ];
  // Alembic itself cannot load a history with an unreadable file, a hole or a duplicate: nothing to render.
  const renderable =
    scan.problems.length === 0 &&
    !graph.problems.some(
      (problem) => problem.rule === 'missing-down-revision' || problem.rule === 'duplicate-revision',
    );

  const session =
    config.mode === 'lint' ? undefined : await openDatabaseSession(config.databaseUrl as DatabaseUrl, deps.log);
  try {
    if (config.mode === 'apply') await session?.acquireMigrationLock(config.lockWaitTimeoutMs);
    const result = await planMigration(config, deps, { alembic, graph, structural, renderable, session });
    try {
      if (result.blocked) {
        throw migrationBlocked(result.findings.filter((finding) => finding.severity === 'block').length, config.mode);
      }
      if (config.mode === 'apply') await applyMigration(result, config, { alembic, graph, env: childEnv });
      if (result.failure) {
        throw upgradeFailed(result.failure.revision, result.failure.error, result.failure.stillAt.join(', ') || 'base');
      }
      return result;
    } finally {
      reportMigrationGate(result, config, deps);
    }
  } finally {
    await session?.close();
  }
}

interface Parts {
  alembic: AlembicCli;
  graph: RevisionGraph;
  structural: RawFinding[];
  renderable: boolean;
  session?: DatabaseSession;
}

async function planMigration(
  config: MigrationGateConfig,
  deps: MigrationGateDeps,
  parts: Parts,
): Promise<MigrationGateResult> {
  const { alembic, graph, session } = parts;
  const structural = [...parts.structural];
  let current: string[] | undefined;
  let pending: string[] = [];
  let checked: string[];
  let range: string;
  const headTarget = graph.heads.length > 1 ? 'heads' : 'head';
  if (session) {
    current = await alembic.current();
    for (const unknown of current.filter((id) => !graph.byId.has(id))) {
      structural.push({
        rule: 'unknown-database-revision',
        message: `The database is at revision ${unknown}, which is not in the migrations folder.`,
      });
    }
    pending = graph.pendingFrom(current.filter((id) => graph.byId.has(id)));
    checked = pending;
    // An offline range starts at one revision; from several (a database at two heads) render from base and filter.
    range = current.length === 1 ? `${current[0]}:${headTarget}` : headTarget;
  } else {
    checked = config.baseRef
      ? await revisionsChangedSince(config.baseRef, config.workingDirectory, graph)
      : graph.order;
    range = headTarget;
  }
  const applicable = graph.applicableIn(config.phase, pending);
  const heldBack = pending.filter((id) => !applicable.includes(id));
  const postgresVersion = String(
    config.postgresVersion ?? session?.serverMajorVersion ?? DEFAULT_LINT_POSTGRES_VERSION,
  );

  const sqlFindings: RawFinding[] = [];
  const unknownRevision = structural.some((finding) => finding.rule === 'unknown-database-revision');
  if (parts.renderable && !unknownRevision && checked.length > 0) {
    const sql = await alembic.renderUpgradeSql(range);
    const statements = splitRenderedSql(sql);
    const scripts = revisionScripts(sql, statements, new Set(checked));
    const named = new Map(
      scripts.map((script, index) => [`${String(index).padStart(4, '0')}-${script.revision}.sql`, script]),
    );
    const squawk = await lintScripts(
      [...named].map(([name, script]) => ({ name, text: script.text })),
      {
        command: squawkCommand(config.workingDirectory, deps.env.PATH),
        pgVersion: postgresVersion,
        env: deps.env,
      },
    );
    deps.log.debug(
      `Linted ${scripts.length} revision(s) of SQL from alembic upgrade ${range} --sql with ${squawk.command.join(' ')}.`,
    );
    for (const [name, script] of named) {
      const lines = (squawk.findings.get(name) ?? []).filter((finding) => !script.addedLines.has(finding.line));
      sqlFindings.push(
        ...attributeFindings(
          statements,
          lines.map((finding) => ({ ...finding, line: finding.line + script.lineOffset })),
          graph,
        ),
      );
    }
  }
  const findings = judgeFindings([...structural, ...sqlFindings], graph, config.allow, config.workspace);
  return {
    mode: config.mode,
    phase: config.phase,
    before: current,
    current,
    heads: graph.heads,
    pending,
    applicable,
    heldBack,
    applied: [],
    checked,
    findings,
    blocked: findings.some((finding) => finding.severity === 'block'),
    postgresVersion,
  };
}

/** Puts each Squawk finding on the revision and op.* line whose SQL it is about. */
function attributeFindings(
  statements: readonly RenderedStatement[],
  squawkFindings: readonly SquawkFinding[],
  graph: RevisionGraph,
): RawFinding[] {
  const located = new Map<string, Map<RenderedStatement, SourceLine>>();
  const locate = (statement: RenderedStatement & { revision: string }): SourceLine | undefined => {
    const revision = graph.byId.get(statement.revision);
    if (!revision) return undefined;
    let lines = located.get(revision.revision);
    if (!lines) {
      const own = statements.filter((candidate) => candidate.revision === revision.revision && !candidate.bookkeeping);
      lines = locateStatements(revision, own);
      located.set(revision.revision, lines);
    }
    return lines.get(statement);
  };
  const findings: RawFinding[] = [];
  for (const finding of squawkFindings) {
    const statement = statementAt(statements, finding.line);
    if (!statement?.revision || statement.bookkeeping) continue;
    const where = locate(statement as RenderedStatement & { revision: string });
    findings.push({
      rule: finding.rule_name,
      revision: statement.revision,
      file: graph.byId.get(statement.revision)?.file,
      line: where?.line,
      message: finding.message,
      help: finding.help ?? undefined,
      sql: statement.text.trim(),
    });
  }
  return findings;
}

async function applyMigration(
  result: MigrationGateResult,
  config: MigrationGateConfig,
  parts: Pick<Parts, 'alembic' | 'graph'> & { env: Readonly<Record<string, string | undefined>> },
): Promise<void> {
  const { alembic, graph } = parts;
  const pgOptions = `-c lock_timeout=${config.lockTimeoutMs} -c statement_timeout=${config.statementTimeoutMs}`;
  // libpq reads PGOPTIONS, so every connection env.py opens gets the timeouts without a change to env.py.
  const timeouts = { PGOPTIONS: [parts.env.PGOPTIONS, pgOptions].filter(Boolean).join(' ') };
  const before = result.current ?? [];
  for (const target of graph.tipsOf(result.applicable)) {
    const upgrade = await alembic.upgrade(target, timeouts);
    if (!upgrade.ok) {
      const stillAt = await alembic.current();
      result.current = stillAt;
      result.applied = appliedBetween(graph, before, stillAt);
      result.failure = { ...upgrade.failure, stillAt };
      return;
    }
  }
  const after = await alembic.current();
  result.current = after;
  result.applied = appliedBetween(graph, before, after);
  const expected = graph.tipsOf(
    graph.order.filter((id) => graph.ancestorsOf([...before, ...result.applicable]).has(id)),
  );
  if ([...after].sort().join() !== [...expected].sort().join()) throw notAtTarget(expected, after);
}

function appliedBetween(graph: RevisionGraph, before: readonly string[], after: readonly string[]): string[] {
  const had = graph.ancestorsOf(before.filter((id) => graph.byId.has(id)));
  const has = graph.ancestorsOf(after.filter((id) => graph.byId.has(id)));
  return graph.order.filter((id) => has.has(id) && !had.has(id));
}
