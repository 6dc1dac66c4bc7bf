import type { Finding } from './finding.js';
import type { YamlFile } from './yaml-file.js';

export interface RuleContext {
  file: YamlFile;
  repoRoot: string;
}

/** One checkable rule of workflows-security.md §0.1 (or of the repository's own contracts). */
export interface Rule {
  id: string;
  /** The §0.1 rule it enforces (W1…W18), or the contract it checks. */
  policy: string;
  appliesTo: 'workflow' | 'action';
  check(context: RuleContext): Finding[] | Promise<Finding[]>;
}

export function finding(context: RuleContext, rule: Rule | string, line: number, message: string): Finding {
  return { file: context.file.path, line, rule: typeof rule === 'string' ? rule : rule.id, message };
}
