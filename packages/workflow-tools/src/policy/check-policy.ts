import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from './finding.js';
import { POLICY_RULES } from './rules.js';
import { loadYamlFile } from './yaml-file.js';

export type PolicyFileKind = 'workflow' | 'action';

/** Runs every rule that applies to one file. */
export async function checkFile(absolutePath: string, kind: PolicyFileKind, repoRoot: string): Promise<Finding[]> {
  const file = loadYamlFile(absolutePath, repoRoot);
  const rules = POLICY_RULES.filter((rule) => rule.appliesTo === kind);
  const findings = await Promise.all(rules.map((rule) => rule.check({ file, repoRoot })));
  return findings.flat().sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

/** Folders of workflows: this repository's own, and the caller workflows docs/examples offers app repositories. */
const WORKFLOW_DIRS = ['.github/workflows', 'docs/examples'];

/** The files the policy covers: every workflow of WORKFLOW_DIRS and every actions/<name>/action.yml. */
export function policyFiles(repoRoot: string): Array<{ path: string; kind: PolicyFileKind }> {
  const workflows = WORKFLOW_DIRS.map((dir) => join(repoRoot, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => ({ path: join(dir, name), kind: 'workflow' as const })),
    );
  const actionsDir = join(repoRoot, 'actions');
  const actions = existsSync(actionsDir)
    ? readdirSync(actionsDir)
        .map((name) => join(actionsDir, name, 'action.yml'))
        .filter((path) => existsSync(path))
        .map((path) => ({ path, kind: 'action' as const }))
    : [];
  return [...workflows, ...actions].sort((a, b) => a.path.localeCompare(b.path));
}

export async function checkRepository(repoRoot: string): Promise<Finding[]> {
  const results = await Promise.all(policyFiles(repoRoot).map(({ path, kind }) => checkFile(path, kind, repoRoot)));
  return results.flat();
}
