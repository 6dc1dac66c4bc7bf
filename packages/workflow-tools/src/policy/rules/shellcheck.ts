import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isNode, isScalar } from 'yaml';
import { shellcheckMissing } from '../../errors.js';
import { finding, type Rule } from '../rule.js';
import { jobsOf } from '../workflow-model.js';
import { asMap, lineOf, textOf, valueOf } from '../yaml-file.js';

interface ShellcheckComment {
  file: string;
  line: number;
  code: number;
  level: string;
  message: string;
}

interface Script {
  path: string;
  /** Workflow line of the script's first line. */
  firstLine: number;
}

/** The shebang written before each script, so ShellCheck knows the dialect; script lines start after it. */
const HEADER_LINES = 1;

/** W18: ShellCheck (Debian `shellcheck`) on every bash `run:` script, reported at the workflow's own lines. */
export const shellcheck: Rule = {
  id: 'shellcheck',
  policy: 'W18',
  appliesTo: 'workflow',
  async check(context) {
    const workDir = mkdtempSync(join(tmpdir(), 'augeo-shellcheck-'));
    try {
      const scripts: Script[] = [];
      for (const job of jobsOf(context.file)) {
        const jobShell = textOf(valueOf(asMap(valueOf(asMap(valueOf(job.map, 'defaults')), 'run')), 'shell'));
        for (const step of job.steps) {
          const run = valueOf(step.map, 'run');
          const shell = textOf(valueOf(step.map, 'shell')) ?? jobShell ?? 'bash';
          if (!isScalar(run) || typeof run.value !== 'string' || !isNode(run) || !shell.startsWith('bash')) continue;
          const block = run.type === 'BLOCK_LITERAL' || run.type === 'BLOCK_FOLDED';
          const path = join(workDir, `${job.id}-${step.index}.sh`);
          writeFileSync(path, `#!/usr/bin/env bash\n${run.value}`);
          scripts.push({ path, firstLine: lineOf(context.file, run) + (block ? 1 : 0) });
        }
      }
      if (scripts.length === 0) return [];
      const comments = await runShellcheck(scripts.map((script) => script.path));
      return comments.map((comment) => {
        const script = scripts.find((candidate) => candidate.path === comment.file);
        const line = (script?.firstLine ?? 1) + comment.line - 1 - HEADER_LINES;
        return finding(context, this, line, `SC${comment.code} (${comment.level}): ${comment.message}`);
      });
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  },
};

async function runShellcheck(paths: string[]): Promise<ShellcheckComment[]> {
  try {
    await promisify(execFile)('shellcheck', ['--format=json1', '--shell=bash', ...paths]);
    return [];
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string };
    // Exit 1 means "found something", with the findings on stdout; anything else is ShellCheck itself failing.
    if (failure.code === 1 && failure.stdout)
      return (JSON.parse(failure.stdout) as { comments: ShellcheckComment[] }).comments;
    if (failure.code === 'ENOENT') throw shellcheckMissing();
    throw error;
  }
}
