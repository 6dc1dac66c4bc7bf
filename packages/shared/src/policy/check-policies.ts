import { parameterFileValues } from '@augeo/arm-template/parameter-values';
import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import type { DeploymentContext } from '@augeo/arm-template/deployment-scope';
import { expandTemplate, type ExpandedTemplate } from '@augeo/arm-template/expand-template';
import type { PolicyFinding } from './policy-finding.js';
import { policyRules } from './policy-rules.js';
import { asTemplateProblem } from './template-problem.js';

/**
 * Checks a compiled template (infrastructure/bicep/compiled/main.json) with one environment's parameters against the
 * platform's policy rules, offline. Approach: expand-template.ts evaluates the template the way ARM would — the
 * parameters file's values, variables, conditions, loops and every nested module — so the rules see the values each
 * resource would really get in that environment, not just the expressions that compute them. Only the functions
 * our templates use are implemented, and one it does not know fails loudly rather than passing silently.
 *
 * Returns no findings when the template complies.
 */
export function checkPolicies(
  template: ArmTemplate,
  parameters: ArmParameterFile,
  environment: string,
  deployment: DeploymentContext = offlineDeployment,
): PolicyFinding[] {
  let expanded: ExpandedTemplate;
  try {
    expanded = expandTemplate(template, parameterFileValues(parameters), deployment);
  } catch (error) {
    throw asTemplateProblem(error);
  }
  return policyRules.flatMap((rule) => rule.check({ environment, expanded }));
}

/** Offline there is no subscription: IDs are built in an all-zero one, which no rule depends on. */
export const offlineDeployment: DeploymentContext = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  tenantId: '00000000-0000-0000-0000-000000000000',
  deploymentName: 'policy-check',
  location: 'offline',
};
