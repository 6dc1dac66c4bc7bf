import { parameterFileValues } from '@augeo/arm-template/parameter-values';
import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import type { DeploymentContext } from '@augeo/arm-template/deployment-scope';
import { expandTemplate, type ExpandedTemplate } from '@augeo/arm-template/expand-template';
import { valueAt } from '@augeo/arm-template/template-value';
import { TemplateError } from '@augeo/arm-template/template-errors';
import { PRODUCTION_SLOT } from '../blue-green/slot-operations.js';
import { imageTargetsUnknown } from '../errors.js';

/**
 * The parameters of the platform template that set what the API's slots run. Deploys change those images;
 * provisioning passes what runs, so it never undoes a deploy (infrastructure/bicep/main.bicep declares both).
 */
export const IMAGE_PARAMETERS = ['apiContainerImage', 'apiStagingContainerImage'] as const;

/** A site slot whose image one parameter sets. */
export interface ImageTarget {
  parameter: string;
  resourceGroup: string;
  site: string;
  /** `production` for the site itself. */
  slot: string;
}

const SITE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/sites\/([^/]+)(?:\/slots\/([^/]+))?$/i;

/**
 * Which site slot each image parameter of the template sets, as the template itself says: it is evaluated offline
 * (the evaluator the policy checks use) with a stand-in image per parameter, and the first site or slot whose
 * linuxFxVersion is `DOCKER|<stand-in>` is that parameter's. So no site name, resource group or slot is assumed:
 * they are the names the template gives for this environment's parameters. A parameter the template does not
 * declare, or that no site runs as its whole image, has no target. A template the evaluator cannot evaluate fails
 * the run: without its targets, the deployment could put an old image back.
 */
export function imageTargets(
  template: ArmTemplate,
  parameters: ArmParameterFile,
  deployment: DeploymentContext,
): ImageTarget[] {
  const declared = IMAGE_PARAMETERS.filter((parameter) => parameter in (template.parameters ?? {}));
  if (declared.length === 0) return [];
  const values = parameterFileValues(parameters);
  for (const parameter of declared) values[parameter] = standIn(parameter);
  let expanded: ExpandedTemplate;
  try {
    expanded = expandTemplate(template, values, deployment);
  } catch (error) {
    throw error instanceof TemplateError ? imageTargetsUnknown(error) : error;
  }
  return declared.flatMap((parameter) => {
    const runsIt = expanded.resources.find(
      (resource) => valueAt(resource.body, 'properties.siteConfig.linuxFxVersion') === `DOCKER|${standIn(parameter)}`,
    );
    const [, resourceGroup, site, slot] = SITE_ID.exec(runsIt?.id ?? '') ?? [];
    return resourceGroup && site ? [{ parameter, resourceGroup, site, slot: slot ?? PRODUCTION_SLOT }] : [];
  });
}

/** An image reference no template computes by accident. */
const standIn = (parameter: string) => `augeo-provision.invalid/stand-in/${parameter.toLowerCase()}:keep`;
