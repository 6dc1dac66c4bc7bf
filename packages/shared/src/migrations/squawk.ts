import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { squawkFailed } from '../errors.js';
import { ProgramNotStarted, runProgram } from './child-process.js';
import { RULES_ENFORCED_BY_THE_GATE } from './rule-set.js';

/** The Squawk release the rule set was written against; rule names change between releases. */
export const SQUAWK_VERSION = '2.66.0';

/** One record of `squawk --reporter json`. Lines are 0-based. */
export interface SquawkFinding {
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
  help: string | null;
  rule_name: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function ancestorsOf(start: string): string[] {
  const dirs: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

/**
 * The command that runs Squawk. A bundled action cannot carry the 26 MB native binary, so it looks for one on PATH,
 * then in a node_modules/.bin above the working directory or above this file (a checkout of augeo/infra, or a
 * project that depends on squawk-cli), and otherwise lets npm fetch the pinned release into its cache.
 */
export function squawkCommand(workingDirectory: string, path: string | undefined): string[] {
  const onPath = (path ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'squawk'));
  const here = dirname(fileURLToPath(import.meta.url));
  const inNodeModules = [...ancestorsOf(workingDirectory), ...ancestorsOf(here)].map((dir) =>
    join(dir, 'node_modules/.bin/squawk'),
  );
  const found = [...onPath, ...inNodeModules].find(executable);
  return found ? [found] : ['npm', 'exec', '--yes', `--package=squawk-cli@${SQUAWK_VERSION}`, '--', 'squawk'];
}

export interface SquawkRun {
  command: string[];
  /** Findings per script name. */
  findings: Map<string, SquawkFinding[]>;
}

/**
 * Lints each script as a file of its own, in one Squawk run. The gate ignores any .squawk.toml (the scripts sit in a
 * fresh temporary folder): `allow` is the one visible switch.
 */
export async function lintScripts(
  scripts: readonly { name: string; text: string }[],
  options: { command: string[]; pgVersion: string; env: Readonly<Record<string, string | undefined>> },
): Promise<SquawkRun> {
  const findings = new Map<string, SquawkFinding[]>();
  if (scripts.length === 0) return { command: options.command, findings };
  const dir = await mkdtemp(join(tmpdir(), 'augeo-squawk-'));
  try {
    await Promise.all(scripts.map((script) => writeFile(join(dir, script.name), script.text)));
    const args = [
      ...options.command,
      '--reporter',
      'json',
      `--pg-version=${options.pgVersion}`,
      `--exclude=${RULES_ENFORCED_BY_THE_GATE.join(',')}`,
      ...scripts.map((script) => script.name),
    ];
    let result;
    try {
      result = await runProgram(args, { cwd: dir, env: options.env });
    } catch (error) {
      if (error instanceof ProgramNotStarted) {
        throw squawkFailed(
          `${error.program} ${error.reason}. Install it with npm install squawk-cli@${SQUAWK_VERSION}, or put squawk on PATH.`,
        );
      }
      throw error;
    }
    // Squawk exits 1 whenever it found something, 0 when clean, 2 on a usage error.
    if (result.exitCode > 1)
      throw squawkFailed(`${args.slice(0, 6).join(' ')} … exited with ${result.exitCode}: ${result.stderr.trim()}`);
    const start = result.stdout.indexOf('[');
    let records: SquawkFinding[];
    try {
      records = start < 0 ? [] : (JSON.parse(result.stdout.slice(start)) as SquawkFinding[]);
    } catch {
      throw squawkFailed(`its output was not JSON: ${result.stdout.slice(0, 200)}`);
    }
    for (const record of records) {
      const name = basename(record.file);
      findings.set(name, [...(findings.get(name) ?? []), record]);
    }
    return { command: options.command, findings };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
