import { isMapping, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { child } from './template-values.js';

/**
 * Whether a job's token may mint OIDC tokens: the job's own `permissions:`, else the workflow's. The shorthand
 * `write-all` grants it; GitHub's default token does not. A called workflow can only narrow its caller's grant.
 */
export function grantsIdToken(rawJob: TemplateToken | undefined, workflowRoot: TemplateToken): boolean {
  const permissions = child(rawJob, 'permissions') ?? child(workflowRoot, 'permissions');
  if (permissions === undefined) return false;
  if (isString(permissions)) return permissions.value === 'write-all';
  if (!isMapping(permissions)) return false;
  const idToken = permissions.find('id-token');
  return idToken !== undefined && isString(idToken) && idToken.value === 'write';
}
