import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import type { DeploymentContext } from '@augeo/arm-template/deployment-scope';
import type { WebSiteManagementContext } from '@azure/arm-appservice/api';
import type { Logger } from '../io/action-io.js';
import { IMAGE_PARAMETERS, imageTargets, type ImageTarget } from './image-targets.js';
import type { ParameterSource } from './parameter-sources.js';
import { readRunningImages, slotLabel } from './running-images.js';

export interface KeptImages {
  parameters: ArmParameterFile;
  /** The image parameters set to what runs. */
  sources: ParameterSource[];
  /** Why a slot keeps the parameters file's image, where that is worth a line in the summary. */
  notes: string[];
}

/**
 * keep-running-image: each image parameter of the template set to what its site slot runs now (image-targets.ts
 * says how the slot is found), so provisioning never undoes a deploy. A parameter parameter-overrides sets is left
 * alone; a slot that does not exist yet, or runs no container image, starts with or keeps the parameters file's.
 */
export async function keepRunningImages(
  template: ArmTemplate,
  parameters: ArmParameterFile,
  options: { overridden: string[]; deployment: DeploymentContext; webApps: WebSiteManagementContext; log: Logger },
): Promise<KeptImages> {
  const { log } = options;
  const targets = imageTargets(template, parameters, options.deployment);
  const toRead: ImageTarget[] = [];
  for (const parameter of IMAGE_PARAMETERS.filter((name) => name in (template.parameters ?? {}))) {
    const target = targets.find((candidate) => candidate.parameter === parameter);
    if (options.overridden.includes(parameter))
      log.info(`${parameter} is set by parameter-overrides: what runs is not read for it.`);
    else if (!target)
      log.info(
        `${parameter}: no site or slot of the template runs it as its image; the parameters file's value stays.`,
      );
    else toRead.push(target);
  }

  const kept: KeptImages = {
    parameters: { ...parameters, parameters: { ...parameters.parameters } },
    sources: [],
    notes: [],
  };
  for (const running of await readRunningImages(options.webApps, toRead)) {
    const { parameter } = running.target;
    const slot = slotLabel(running.target);
    if (running.state === 'running') {
      kept.parameters.parameters[parameter] = { value: running.image };
      kept.sources.push({ parameter, shown: running.image, from: `what \`${slot}\` runs (\`keep-running-image\`)` });
      log.info(`Keeping what ${slot} runs: ${parameter}=${running.image} (keep-running-image).`);
    } else if (running.state === 'absent') {
      const note = `${slot} does not exist yet: it starts with the ${parameter} of the parameters file.`;
      kept.notes.push(note);
      log.info(note);
    } else {
      const note = `${slot} runs '${running.linuxFxVersion}', not a container image: ${parameter} stays as the parameters file sets it.`;
      kept.notes.push(`⚠️ ${note}`);
      log.warning(note);
    }
  }
  return kept;
}
