import { existsSync } from 'node:fs';
import { programMissing, revisionScanFailed } from '../errors.js';
import { ProgramNotStarted, runProgram } from './child-process.js';
import { REVISION_SCANNER_PY } from './revision-scanner-source.js';

/** One op.* call in a revision's upgrade(), as the Python AST saw it. */
export interface OperationCall {
  call: string;
  line: number;
  endLine: number;
  table: string | null;
  /** The SQL text of op.execute("..."), when it is a literal. */
  sql: string | null;
}

export interface RevisionFile {
  file: string;
  revision: string;
  /** Line of `revision = ...`. */
  line: number;
  downRevisions: string[];
  branchLabels: string[];
  dependsOn: string[];
  /** The module-level `phase = "..."` marker, when there is one. */
  phase: string | null;
  phaseLine: number | null;
  upgradeLine: number;
  operations: OperationCall[];
}

export interface ScanProblem {
  file: string;
  line: number | null;
  message: string;
}

export interface RevisionScan {
  scriptLocation: string;
  versionDirs: string[];
  revisions: RevisionFile[];
  problems: ScanProblem[];
}

/** Debian and GitHub's Ubuntu runners both have it; it reads the files with `ast` only, whatever Python runs Alembic. */
const SCANNER_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Reads alembic.ini and every revision file, without importing any of them. */
export async function scanRevisions(alembicConfig: string, iniSection: string, cwd: string): Promise<RevisionScan> {
  let result;
  try {
    result = await runProgram([SCANNER_PYTHON, '-c', REVISION_SCANNER_PY, alembicConfig, iniSection], {
      cwd,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1' },
    });
  } catch (error) {
    if (error instanceof ProgramNotStarted) {
      throw programMissing('The revision scanner', SCANNER_PYTHON, 'Install Python 3 (python3 on PATH).');
    }
    throw error;
  }
  if (result.exitCode !== 0) throw revisionScanFailed(result.stderr.trim().split('\n').slice(-3).join('\n'));
  const parsed = JSON.parse(result.stdout) as RevisionScan & { fatal?: string };
  if (parsed.fatal) throw revisionScanFailed(parsed.fatal);
  return parsed;
}
