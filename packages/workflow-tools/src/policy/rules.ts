import type { Rule } from './rule.js';
import { actionRuntime } from './rules/action-runtime.js';
import { actionlint } from './rules/actionlint.js';
import { dangerousTriggers } from './rules/dangerous-triggers.js';
import { deployConcurrency } from './rules/deploy-concurrency.js';
import { expressionInRun } from './rules/expression-in-run.js';
import { idTokenEnvironment } from './rules/id-token-environment.js';
import { jobPermissions } from './rules/job-permissions.js';
import { localActionInputs } from './rules/local-action-inputs.js';
import { outputReferences } from './rules/output-references.js';
import { persistCredentials } from './rules/persist-credentials.js';
import { pinnedUses } from './rules/pinned-uses.js';
import { privilegedCache } from './rules/privileged-cache.js';
import { secretsInherit } from './rules/secrets-inherit.js';
import { shellcheck } from './rules/shellcheck.js';
import { timeoutMinutes } from './rules/timeout-minutes.js';
import { topLevelPermissions } from './rules/top-level-permissions.js';

/** The workflow policy: every statically checkable rule of workflows-security.md §0.1, plus the action contracts. */
export const POLICY_RULES: readonly Rule[] = [
  topLevelPermissions,
  jobPermissions,
  idTokenEnvironment,
  pinnedUses,
  dangerousTriggers,
  expressionInRun,
  persistCredentials,
  secretsInherit,
  deployConcurrency,
  timeoutMinutes,
  privilegedCache,
  localActionInputs,
  outputReferences,
  actionRuntime,
  actionlint,
  shellcheck,
];
