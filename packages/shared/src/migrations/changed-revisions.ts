import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { baseRefUnavailable } from '../errors.js';
import { ProgramNotStarted, runProgram } from './child-process.js';
import type { RevisionGraph } from './revision-graph.js';

/** Revisions whose files were added or changed on this branch since it left `baseRef`, in upgrade order. */
export async function revisionsChangedSince(
  baseRef: string,
  workingDirectory: string,
  graph: RevisionGraph,
): Promise<string[]> {
  const git = async (args: string[]) => {
    try {
      return await runProgram(['git', ...args], { cwd: workingDirectory, env: { PATH: process.env.PATH, LANG: 'C' } });
    } catch (error) {
      if (error instanceof ProgramNotStarted) throw baseRefUnavailable(baseRef, 'git is not installed');
      throw error;
    }
  };
  const top = await git(['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0) throw baseRefUnavailable(baseRef, `${workingDirectory} is not inside a git checkout`);
  const diff = await git(['diff', '--name-only', '--no-renames', '--diff-filter=AM', `${baseRef}...HEAD`]);
  if (diff.exitCode !== 0)
    throw baseRefUnavailable(baseRef, diff.stderr.trim().split('\n')[0] ?? `git diff exited with ${diff.exitCode}`);
  const root = top.stdout.trim();
  const changed = new Set(
    diff.stdout
      .split('\n')
      .filter(Boolean)
      .map((file) => resolve(root, file)),
  );
  return graph.order.filter((id) => changed.has(realPath(graph.byId.get(id)?.file ?? '')));
}

/** git names files under the real path of the checkout; the scanner under the path it was given. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
