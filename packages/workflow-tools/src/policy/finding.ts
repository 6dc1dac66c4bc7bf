/** One policy violation: where it is and which rule it breaks. */
export interface Finding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}: [${finding.rule}] ${finding.message}`;
}
