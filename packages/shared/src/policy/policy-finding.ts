/** One policy rule broken by one resource, parameter or output. */
export interface PolicyFinding {
  /** Stable rule ID, e.g. AUGEO-TAG-001. */
  ruleId: string;
  /** What broke it: a resource ID, or `parameter x` / `output x` with the module it is in. */
  target: string;
  /** What is wrong and how to fix it. */
  message: string;
}
