import { AugeoError, InputError } from './augeo-error.js';

/** The errors the provision action shows users. */

export function templateFileMissing(input: 'template' | 'parameters', path: string): InputError {
  return new InputError(input, path, 'a file that exists in the workspace (the path is relative to GITHUB_WORKSPACE)');
}

export function templateFileUnreadable(path: string, problem: string): AugeoError {
  return new AugeoError(`Cannot read ${path}: ${problem}.`, {
    code: 'InvalidTemplateFile',
    hint: 'Point the input at compiled ARM JSON (bicep build) or at a .bicep / .bicepparam file.',
  });
}

export function bicepUnavailable(file: string, cause: unknown): AugeoError {
  return new AugeoError(`Cannot compile ${file}: the Bicep CLI (bicep) is not on PATH.`, {
    code: 'BicepNotFound',
    hint: 'GitHub-hosted runners have it; elsewhere run `az bicep install`, or pass the compiled JSON instead.',
    cause,
  });
}

export function bicepFailed(file: string, output: string): AugeoError {
  return new AugeoError(`bicep could not compile ${file}:\n${output.trim()}`, {
    code: 'BicepBuildFailed',
    hint: 'Fix the errors above; `bash scripts/bicep.sh build-all` shows the same locally.',
  });
}

export function parametersForAnotherTemplate(
  parameters: string,
  template: string,
  unknown: string[],
  missing: string[],
): InputError {
  const problems = [
    unknown.length > 0 ? `it sets ${unknown.join(', ')}, which the template does not declare` : '',
    missing.length > 0 ? `it leaves out ${missing.join(', ')}, which the template requires` : '',
  ].filter(Boolean);
  return new InputError('parameters', parameters, `a parameters file for ${template}, but ${problems.join(' and ')}`);
}

export function policyBlocked(environment: string, count: number): AugeoError {
  return new AugeoError(`${count} policy check(s) failed for ${environment}: nothing was deployed.`, {
    code: 'PolicyFailed',
    hint: 'Each finding above names its rule and how to fix it; `policy: false` skips the checks (not recommended).',
  });
}

export function validationFailed(code: string, message: string, correlationId: string | undefined): AugeoError {
  return new AugeoError(`Azure rejected the template: ${code}: ${message}`, {
    code,
    hint: 'Nothing was deployed. Fix the template or its parameters and run again.',
    correlationId,
  });
}

export function deploymentFailed(
  deploymentName: string,
  failure: { resourceId?: string; code?: string; message?: string } | undefined,
  correlationId: string | undefined,
): AugeoError {
  const where = failure?.resourceId ? ` at ${failure.resourceId}` : '';
  const why = failure?.code
    ? `${failure.code}: ${failure.message ?? ''}`
    : (failure?.message ?? 'no detail from Azure');
  return new AugeoError(`Deployment '${deploymentName}' failed${where}: ${why}`, {
    code: failure?.code ?? 'DeploymentFailed',
    hint: 'Resources deployed before the failure stay in place; fix the cause and run again (ARM deployments are incremental).',
    correlationId,
  });
}

export function parameterOverrideUnknown(name: string, declared: string[]): InputError {
  return new InputError(
    'parameter-overrides',
    name,
    `name=value lines naming parameters the template declares: ${declared.join(', ')}`,
  );
}

export function parameterOverrideInvalid(name: string, value: string, type: string): InputError {
  const json = ['array', 'object', 'secureobject'].includes(type.toLowerCase()) ? ' (as JSON)' : '';
  return new InputError('parameter-overrides', `${name}=${value}`, `a value of type ${type}${json} for ${name}`);
}

/** keep-running-image could not read what a slot runs: deploying anyway might put an old image back. */
export function runningImageUnreadable(
  slot: string,
  failure: { status?: number; code?: string; message?: string; correlationId?: string },
  cause: unknown,
): AugeoError {
  const code = failure.code ?? (failure.status ? `HTTP ${failure.status}` : 'RequestFailed');
  return new AugeoError(
    `Cannot read the image ${slot} runs (keep-running-image): ${code}: ${failure.message ?? 'no message from Azure'}`,
    {
      code,
      hint:
        'Nothing was deployed. Give the provisioning identity read access to the site, or set keep-running-image: ' +
        'false to deploy the images of the parameters file (which replaces what a deploy put there).',
      correlationId: failure.correlationId,
      cause,
    },
  );
}

/** keep-running-image finds the API's slots by evaluating the template offline; this template would not evaluate. */
export function imageTargetsUnknown(problem: { message: string; code: string; hint: string }): AugeoError {
  return new AugeoError(`keep-running-image cannot find the API's site and slot in the template: ${problem.message}`, {
    code: problem.code,
    hint: `${problem.hint} Nothing was deployed; keep-running-image: false skips this (the parameters file's images are then deployed).`,
  });
}
