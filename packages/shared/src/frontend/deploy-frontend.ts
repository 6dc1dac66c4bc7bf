import { resolve } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import type { WebSiteManagementContext } from '@azure/arm-appservice/api';
import { runPhase } from '../azure/long-running.js';
import type { AzureSettings } from '../azure/azure-settings.js';
import { AugeoError, InputError, invalidInputs, noPackageToRedeploy, zipDeploymentFailed } from '../errors.js';
import type { ActionIO } from '../io/action-io.js';
import { checkBuildOutput, stampBuildId, zipBuildOutput } from './build-output.js';
import { runBuildCommand } from './build-step.js';
import { deployFrontendInputs, type DeployFrontendInputs } from './frontend-inputs.js';
import { frontendSummary, type FrontendReport } from './frontend-summary.js';
import { PackageStore, type KeptPackage } from './package-store.js';
import { commentMarker, pullRequestNumber, upsertComment, type IssueComments } from '../github/pull-request-comment.js';
import { readServedBuild, siteUrl, waitForServedBuild } from './served-build.js';
import { describeTarget, StaticSiteClient, type StaticTarget } from './static-site-client.js';

/** What the core needs from the host: the Azure session, and (for PR comments) a GitHub client per token. */
export interface FrontendHost {
  io: ActionIO;
  /** Opens the Azure session; called after the inputs are valid, so bad input never reaches Azure. */
  openAzure(): { settings: AzureSettings; credential: TokenCredential; webApps: WebSiteManagementContext };
  issueComments(token: string): IssueComments;
}

/** The inputs that only some modes need: checked together, before anything is called. */
function checkModeInputs(inputs: DeployFrontendInputs): void {
  const problems: InputError[] = [];
  if (inputs.mode === 'close-preview' && !inputs.environmentName)
    problems.push(
      new InputError(
        'environment-name',
        undefined,
        'a preview environment name (close-preview never deletes production)',
      ),
    );
  if (inputs.mode !== 'close-preview' && !inputs.packageStorage)
    problems.push(
      new InputError('package-storage', undefined, 'a blob container URL (deploy and rollback keep packages there)'),
    );
  if (problems.length) throw invalidInputs(problems);
}

function defaultBuildId(env: ActionIO['env']): string {
  const sha = (env.GITHUB_SHA ?? 'local').slice(0, 12);
  return `${sha}-${env.GITHUB_RUN_ID ?? Date.now()}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
}

/** deploy-frontend: build → package → keep → zip deploy → wait until served; or rollback; or close a preview. */
export async function deployFrontend(host: FrontendHost): Promise<void> {
  const { io } = host;
  const inputs = deployFrontendInputs.read(io.inputs);
  checkModeInputs(inputs);
  const azure = host.openAzure();
  const target: StaticTarget = {
    resourceGroup: inputs.resourceGroup,
    name: inputs.staticWebAppName,
    environment: inputs.environmentName,
  };
  const sites = new StaticSiteClient(azure.webApps, azure.settings.pollIntervalMs);
  const phases: FrontendReport['phases'] = [];
  const timed = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await body();
    } finally {
      phases.push({ name, ms: Date.now() - started });
    }
  };
  const report: FrontendReport = {
    mode: inputs.mode,
    target: describeTarget(target),
    url: '',
    buildId: '',
    previousBuildId: '',
    prunedPackages: [],
    phases,
  };

  try {
    // Reading the site first fails a wrong name before a minute of building.
    await timed('find the Static Web App', () => sites.productionHostname(target));
    const before = await sites.hostname(target);
    const served = before ? await readServedBuild(siteUrl(before)) : undefined;
    report.previousBuildId = served?.ok ? served.buildId : '';

    if (inputs.mode === 'close-preview') {
      const environment = inputs.environmentName as string;
      const existed = await timed('delete the preview environment', () =>
        runPhase(
          { phase: `delete ${describeTarget(target)}`, timeoutMs: inputs.deployTimeout, log: io.log },
          (signal) => sites.deleteEnvironment({ ...target, environment }, signal),
        ),
      );
      io.log.info(
        existed ? `Deleted ${describeTarget(target)}.` : `${describeTarget(target)} did not exist; nothing to delete.`,
      );
      report.comment = await commentOnPullRequest(host, inputs, `The preview \`${environment}\` was closed.`);
      return;
    }

    const store = PackageStore.open(inputs.packageStorage!, azure.credential, io.env, io.log);
    const prefix = `${target.name}/${target.environment ?? 'production'}`.toLowerCase();
    const kept =
      inputs.mode === 'deploy'
        ? await timed('build and keep the package', () => buildAndKeep(host, inputs, store, prefix))
        : await timed('choose the package', () =>
            choosePackage(store, prefix, inputs.package, report.previousBuildId, target),
          );
    report.buildId = kept.buildId;
    report.packageName = kept.blobName;

    const appZipUrl = await store.readUrl(kept.blobName);
    await timed('zip deploy', async () => {
      try {
        await runPhase(
          {
            phase: `zip deploy of build ${kept.buildId} to ${describeTarget(target)}`,
            timeoutMs: inputs.deployTimeout,
            log: io.log,
          },
          (signal) => sites.zipDeploy(target, appZipUrl, `${inputs.mode} ${kept.buildId}`, signal),
        );
      } catch (error) {
        if (!(error instanceof AugeoError)) throw error;
        const hostname = await sites.hostname(target).catch(() => undefined);
        const now = hostname ? await readServedBuild(siteUrl(hostname)) : undefined;
        throw zipDeploymentFailed(describeTarget(target), kept.buildId, error, now?.ok ? now.buildId : undefined);
      }
    });
    const hostname = await sites.hostname(target);
    report.url = hostname ? siteUrl(hostname) : '';
    await timed('wait until the site serves the build', () =>
      io.log.group(`Waiting for ${report.url} to serve build ${kept.buildId}`, () =>
        waitForServedBuild(report.url, kept.buildId, inputs.verifyTimeout, io.log),
      ),
    );
    io.log.info(`${report.url} serves build ${kept.buildId} (before: ${report.previousBuildId || 'none'}).`);
    report.prunedPackages = await store.prune(prefix, inputs.keepPackages);
    if (target.environment)
      report.comment = await commentOnPullRequest(
        host,
        inputs,
        `Preview of **${target.name}** for this pull request: ${report.url}\n\nBuild \`${kept.buildId}\`, updated on every push.`,
      );
  } finally {
    io.outputs.set('url', report.url);
    io.outputs.set('build-id', report.buildId);
    io.outputs.set('previous-build-id', report.previousBuildId);
    io.summary.append(frontendSummary(report));
  }
}

async function buildAndKeep(
  host: FrontendHost,
  inputs: DeployFrontendInputs,
  store: PackageStore,
  prefix: string,
): Promise<KeptPackage> {
  const { io } = host;
  const appFolder = resolve(io.env.GITHUB_WORKSPACE ?? process.cwd(), inputs.appLocation);
  const output = resolve(appFolder, inputs.outputLocation);
  const requestedBuildId = inputs.buildId ?? defaultBuildId(io.env);
  if (inputs.buildCommand) {
    const command = inputs.buildCommand;
    const buildEnv = Object.fromEntries(inputs.buildEnv ?? []);
    await io.log.group(`Build: ${command}`, () =>
      runBuildCommand(command, {
        cwd: appFolder,
        env: { ...io.env, ...buildEnv, BUILD_ID: requestedBuildId, VITE_BUILD_ID: requestedBuildId },
        log: io.log,
      }),
    );
  }
  await checkBuildOutput(output);
  const buildId = await stampBuildId(output, requestedBuildId);
  const { zip, files } = await zipBuildOutput(output);
  const kept = await store.upload(prefix, buildId, zip);
  io.log.info(
    `Packaged ${files} files (${zip.byteLength} bytes) of build ${buildId} as ${store.describe(kept.blobName)}.`,
  );
  return kept;
}

async function choosePackage(
  store: PackageStore,
  prefix: string,
  wanted: string | undefined,
  servedBuildId: string,
  target: StaticTarget,
): Promise<KeptPackage> {
  const packages = await store.list(prefix);
  const chosen = wanted
    ? packages.find(
        (kept) => kept.buildId === wanted || kept.blobName === wanted || kept.blobName.endsWith(`/${wanted}`),
      )
    : packages.find((kept) => kept.buildId !== servedBuildId);
  if (!chosen)
    throw noPackageToRedeploy(
      describeTarget(target),
      wanted,
      packages.map((kept) => kept.buildId),
    );
  return chosen;
}

/** Posts or updates the pull request's one preview comment; a comment failure warns but never fails the deploy. */
async function commentOnPullRequest(
  host: FrontendHost,
  inputs: DeployFrontendInputs,
  body: string,
): Promise<string | undefined> {
  const { io } = host;
  if (!inputs.githubToken || !inputs.environmentName) return undefined;
  const number = pullRequestNumber(io.env);
  if (number === undefined) return undefined;
  try {
    const marker = commentMarker('deploy-frontend', inputs.staticWebAppName, inputs.environmentName);
    const comment = await upsertComment(host.issueComments(inputs.githubToken), number, marker, body);
    io.log.info(`Pull request #${number}: ${comment.action} comment ${comment.id}.`);
    return `#${number}: comment ${comment.action}`;
  } catch (error) {
    io.log.warning(
      `Could not comment on pull request #${number}: ${(error as Error).message}. Does the job have pull-requests: write?`,
    );
    return undefined;
  }
}
