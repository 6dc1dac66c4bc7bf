import { relative } from 'node:path';
import type { RevisionGraph } from './revision-graph.js';
import { RULE_SET, type RuleSeverity } from './rule-set.js';

/** A finding before the gate judges it: from Squawk, or from the gate's own checks. */
export interface RawFinding {
  rule: string;
  revision?: string;
  /** Absolute path of the revision file. */
  file?: string;
  /** 1-based line of the op.* call (or of `revision = ...` for history problems). */
  line?: number;
  message: string;
  help?: string;
  /** The rendered SQL statement Squawk flagged. */
  sql?: string;
}

export interface Finding {
  rule: string;
  /** block stops the migration; warn is reported; allowed was accepted by the team through `allow`. */
  severity: RuleSeverity | 'allowed';
  revision?: string;
  /** Relative to the workspace, as GitHub annotations want it. */
  file?: string;
  line?: number;
  message: string;
  /** How to fix it: Squawk's help, then the rule's advice. */
  fix?: string;
  /** Why the severity differs from the rule's own, when it does. */
  note?: string;
  sql?: string;
}

/** Decides every finding: the rule's severity, eased by a contract marker or by the team's `allow`. */
export function judgeFindings(
  raw: readonly RawFinding[],
  graph: RevisionGraph,
  allow: readonly string[],
  workspace: string,
): Finding[] {
  return raw.map((finding) => {
    const rule = RULE_SET.get(finding.rule) ?? RULE_SET.get('unknown-squawk-rule');
    const known = RULE_SET.has(finding.rule);
    let severity: Finding['severity'] = rule?.severity ?? 'block';
    let note: string | undefined;
    if (!known) note = `Squawk rule ${finding.rule} is not in the gate's rule set, so it blocks.`;
    if (known && rule?.contractMay && finding.revision && graph.isContract(finding.revision) && severity === 'block') {
      severity = 'warn';
      note = 'Allowed: the revision is marked phase = "contract".';
    }
    if (known && !rule?.structural && allow.includes(finding.rule)) {
      severity = 'allowed';
      note = `Accepted through allow: ${finding.rule}.`;
    }
    const fix = [finding.help, rule?.fix]
      .filter((text): text is string => Boolean(text))
      .map((text) => (/[.!?)]$/.test(text) ? text : `${text}.`))
      .join(' ');
    return {
      rule: finding.rule,
      severity,
      revision: finding.revision,
      file: finding.file === undefined ? undefined : relative(workspace, finding.file),
      line: finding.line,
      message: finding.message,
      ...(fix ? { fix } : {}),
      ...(note ? { note } : {}),
      ...(finding.sql ? { sql: finding.sql } : {}),
    };
  });
}
