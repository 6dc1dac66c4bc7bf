import { AugeoError } from './augeo-error.js';
import { formatDuration } from '../inputs/duration.js';

/** The build step of deploy-frontend failed: show the command, its exit code and the end of its output. */
export function frontendBuildFailed(command: string, exitCode: number, outputTail: string): AugeoError {
  return new AugeoError(`The build command '${command}' exited with ${exitCode}. Its last output:\n${outputTail}`, {
    code: 'FrontendBuildFailed',
    hint: 'Run the same command locally in app-location; nothing was uploaded or deployed.',
  });
}

/** The folder to deploy is missing or holds nothing: deploying it would replace the site with an empty one. */
export function frontendOutputUnusable(folder: string, problem: 'missing' | 'empty'): AugeoError {
  return new AugeoError(
    problem === 'missing'
      ? `The build output folder '${folder}' does not exist.`
      : `The build output folder '${folder}' is empty.`,
    {
      code: problem === 'missing' ? 'FrontendOutputMissing' : 'FrontendOutputEmpty',
      hint:
        'Set output-location to the folder your build writes (Vite: dist), relative to app-location, and check that ' +
        'build-command builds it. Nothing was uploaded or deployed.',
    },
  );
}

/** ARM would not show the Static Web App: a wrong name or group, or an identity without a role on it. */
export function staticWebAppNotFound(name: string, resourceGroup: string, cause: AugeoError): AugeoError {
  return new AugeoError(
    `Static Web App '${name}' in resource group '${resourceGroup}' was not found: ${cause.message}`,
    {
      code: cause.code,
      hint:
        'Check static-web-app-name and resource-group. ARM answers AuthorizationFailed rather than NotFound for a name ' +
        "outside the identity's role assignments, so a typo looks like a missing permission. Nothing was deployed.",
      correlationId: cause.correlationId,
      cause,
    },
  );
}

/** The zip deployment itself failed in Azure; say what production serves now, so nobody has to guess. */
export function zipDeploymentFailed(
  target: string,
  buildId: string,
  cause: AugeoError,
  served: string | undefined,
): AugeoError {
  const still = served ? `${target} still serves build ${served}.` : `${target} serves no readable build id.`;
  return new AugeoError(`Deploying build ${buildId} to ${target} failed: ${cause.message}\n${still}`, {
    code: cause.code ?? 'ZipDeploymentFailed',
    hint: 'Azure kept the previous content. Re-run the job; if it fails again, the error code above is what to search for.',
    correlationId: cause.correlationId,
    cause,
  });
}

/** Azure said done, but the site never served the new build: exactly the "Unsure if deployment was successful" case. */
export function servedBuildTimedOut(url: string, buildId: string, deadlineMs: number, lastSeen: string): AugeoError {
  return new AugeoError(
    `${url} did not serve build ${buildId} within ${formatDuration(deadlineMs)} after Azure reported the deployment done. ` +
      `Last seen: ${lastSeen}.`,
    {
      code: 'ServedBuildDeadlineExceeded',
      hint:
        'The content may still be propagating, or the deployment went elsewhere. Check the site; raise verify-timeout ' +
        'if propagation is just slow today.',
    },
  );
}

/** Rollback found nothing to go back to, or not the package asked for. */
export function noPackageToRedeploy(target: string, wanted: string | undefined, available: string[]): AugeoError {
  return new AugeoError(
    wanted
      ? `No kept package of ${target} matches '${wanted}'.`
      : `No kept package of ${target} holds a build other than the one it serves.`,
    {
      code: 'NoPackageToRedeploy',
      hint: available.length
        ? `Kept packages (newest first): ${available.join(', ')}.`
        : 'No packages are kept for it yet: deploy at least twice (keep-packages controls how many are kept).',
    },
  );
}
