import { alembicFailed, programMissing } from '../errors.js';
import { ProgramNotStarted, runProgram, type ProcessResult } from './child-process.js';
import { redact } from './redact.js';

export interface AlembicOptions {
  /** The command as the user gave it, split on spaces: ['alembic'] or ['poetry', 'run', 'alembic']. */
  command: string[];
  cwd: string;
  configFile: string;
  /** The section of configFile to use (alembic --name). */
  iniSection: string;
  env: Record<string, string | undefined>;
  /** Masked out of everything Alembic prints before it is shown. */
  secrets: string[];
}

/** What a failed `alembic upgrade` says, in the words a person needs. */
export interface UpgradeFailure {
  /** The revision that was running when it failed. */
  revision?: string;
  /** The migration file and line of the failing statement, from the traceback. */
  file?: string;
  line?: number;
  /** The database's error, e.g. `(psycopg2.errors.UndefinedTable) relation "x" does not exist` and the SQL. */
  error: string;
}

const INSTALL_HINT =
  'Install Alembic where the job runs (pip install alembic psycopg2-binary, or apt-get install alembic python3-psycopg2), ' +
  'or point alembic-command at it (e.g. "poetry run alembic").';
const RUNNING_UPGRADE = /Running upgrade .*-> (\S+?),?(?:\s|$)/g;
const REVISION_ID = /^([0-9A-Za-z_]+)\b/;

/** The Alembic command line, run in the working directory with the user's env.py. */
export class AlembicCli {
  constructor(private readonly options: AlembicOptions) {}

  get commandLine(): string {
    return [...this.options.command, ...this.configArgs].join(' ');
  }

  private get configArgs(): string[] {
    return ['-c', this.options.configFile, '-n', this.options.iniSection];
  }

  async version(): Promise<string> {
    const result = await this.run(['--version']);
    if (result.exitCode !== 0) throw alembicFailed('printing its version', this.tail(result));
    return (result.stdout + result.stderr).trim();
  }

  /** `alembic upgrade <range> --sql`: offline, no database needed. */
  async renderUpgradeSql(range: string): Promise<string> {
    const result = await this.run([...this.configArgs, 'upgrade', range, '--sql']);
    if (result.exitCode !== 0)
      throw alembicFailed(`rendering the SQL of ${range} (alembic upgrade ${range} --sql)`, this.tail(result));
    return result.stdout;
  }

  /** The revisions the database is at; empty when it has none yet. */
  async current(extraEnv: Record<string, string> = {}): Promise<string[]> {
    const result = await this.run([...this.configArgs, 'current'], extraEnv);
    if (result.exitCode !== 0)
      throw alembicFailed('reading the database revision (alembic current)', this.tail(result));
    return result.stdout
      .split('\n')
      .map((line) => REVISION_ID.exec(line.trim())?.[1])
      .filter((id): id is string => id !== undefined);
  }

  /** `alembic upgrade <target>`; a failure is described, not thrown, so the caller can say where the database is left. */
  async upgrade(
    target: string,
    extraEnv: Record<string, string>,
  ): Promise<{ ok: true; log: string } | { ok: false; failure: UpgradeFailure }> {
    const result = await this.run([...this.configArgs, 'upgrade', target], extraEnv);
    const log = redact(result.stderr, this.options.secrets);
    return result.exitCode === 0 ? { ok: true, log } : { ok: false, failure: describeUpgradeFailure(log) };
  }

  private async run(args: string[], extraEnv: Record<string, string> = {}): Promise<ProcessResult> {
    try {
      const result = await runProgram([...this.options.command, ...args], {
        cwd: this.options.cwd,
        // No __pycache__ in the user's checkout.
        env: { ...this.options.env, PYTHONDONTWRITEBYTECODE: '1', ...extraEnv },
      });
      return {
        ...result,
        stdout: redact(result.stdout, this.options.secrets),
        stderr: redact(result.stderr, this.options.secrets),
      };
    } catch (error) {
      if (error instanceof ProgramNotStarted)
        throw programMissing('Alembic', this.options.command.join(' '), INSTALL_HINT);
      throw error;
    }
  }

  private tail(result: ProcessResult): string {
    const lines = (result.stderr || result.stdout).trim().split('\n');
    return lines.slice(-12).join('\n');
  }
}

function describeUpgradeFailure(stderr: string): UpgradeFailure {
  const revisions = [...stderr.matchAll(RUNNING_UPGRADE)].map((match) => match[1]);
  const lines = stderr.split('\n');
  const frames = [...stderr.matchAll(/File "([^"]+)", line (\d+), in upgrade/g)];
  const frame = frames[frames.length - 1];
  // The last unindented `SomeError: message` line starts the error; SQLAlchemy adds the SQL after it.
  const errorStart = lines.findLastIndex((line) => /^[\w.]+(Error|Exception|Warning|Exit)\b.*:/.test(line));
  const errorLines = errorStart < 0 ? lines.slice(-6) : lines.slice(errorStart);
  const error = errorLines
    .filter((line) => !line.startsWith('(Background on this error'))
    .join('\n')
    .trim();
  return {
    revision: revisions[revisions.length - 1],
    file: frame?.[1],
    line: frame?.[2] ? Number(frame[2]) : undefined,
    error: error || 'Alembic exited with an error and printed no message.',
  };
}
