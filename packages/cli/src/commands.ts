import { createOctokitDeploymentRecorder } from '@augeo/action-runtime/octokit-deployments';
import { createOctokitIssueComments } from '@augeo/action-runtime/octokit-issue-comments';
import { openAzureSession } from '@augeo/shared/azure/azure-session';
import type { AzureSignIn } from '@augeo/shared/azure/azure-sign-in';
import { azureInputs } from '@augeo/shared/blue-green/blue-green-inputs';
import { deployBackendInputs } from '@augeo/shared/blue-green/deploy-backend-inputs';
import { rollbackInputs } from '@augeo/shared/blue-green/rollback-inputs';
import { runDeployBackend } from '@augeo/shared/blue-green/run-deploy-backend';
import { runRollback } from '@augeo/shared/blue-green/run-rollback';
import { runSwapSlots } from '@augeo/shared/blue-green/run-swap-slots';
import { swapSlotsInputs } from '@augeo/shared/blue-green/swap-slots-inputs';
import { deployFrontend } from '@augeo/shared/frontend/deploy-frontend';
import { deployFrontendInputs } from '@augeo/shared/frontend/frontend-inputs';
import { healthCheckInputs } from '@augeo/shared/health/health-check-inputs';
import { runHealthCheckFromInputs } from '@augeo/shared/health/run-health-check';
import type { InputSpecs } from '@augeo/shared/inputs/schema';
import type { ActionIO } from '@augeo/shared/io/action-io';
import { migrateInputs } from '@augeo/shared/migrations/migrate-inputs';
import { runMigrate } from '@augeo/shared/migrations/run-migrate';
import { provisionInputs } from '@augeo/shared/provision/provision-inputs';
import { runProvision } from '@augeo/shared/provision/run-provision';

/**
 * One subcommand per action: the action's input definitions (its flags and its --help, as action.yml is written
 * from them) and the core entry point its src/main.ts calls, with the CLI's sign-in in place of GitHub's.
 */
export interface Command {
  name: string;
  summary: string;
  inputs: InputSpecs;
  /** Whether the command talks to Azure (and so reads --auth). */
  signsIn: boolean;
  run(io: ActionIO, signIn: () => AzureSignIn): Promise<unknown>;
}

const deployments = (io: ActionIO) => (token: string) => createOctokitDeploymentRecorder(token, io.env);

export const COMMANDS: readonly Command[] = [
  {
    name: 'provision',
    summary: 'Policy checks, ARM validation, a what-if, or a deployment of an environment from its template.',
    inputs: provisionInputs.specs,
    signsIn: true,
    run: (io, signIn) =>
      runProvision(io, { idTokens: signIn(), comments: (token) => createOctokitIssueComments(token, io.env) }),
  },
  {
    name: 'migrate',
    summary: 'The Alembic migration gate: lint offline, plan against the database, or apply under a lock.',
    inputs: migrateInputs.specs,
    signsIn: true,
    run: (io, signIn) => runMigrate(io, signIn()),
  },
  {
    name: 'deploy-backend',
    summary: 'Blue-green deploy of a container image to App Service, verified, with automatic swap-back.',
    inputs: deployBackendInputs.specs,
    signsIn: true,
    run: (io, signIn) => runDeployBackend(io, { idTokens: signIn(), deployments: deployments(io) }),
  },
  {
    name: 'deploy-frontend',
    summary: 'Build and deploy the admin frontend to Static Web Apps, roll it back, or close a preview.',
    inputs: { ...deployFrontendInputs.specs, ...azureInputs },
    signsIn: true,
    run: (io, signIn) =>
      deployFrontend({
        io,
        openAzure: () => openAzureSession(io, signIn()),
        issueComments: (token) => createOctokitIssueComments(token, io.env),
      }),
  },
  {
    name: 'swap-slots',
    summary: 'Swap App Service slots (plain, or with preview), verified and safe to re-run.',
    inputs: swapSlotsInputs.specs,
    signsIn: true,
    run: (io, signIn) => runSwapSlots(io, { idTokens: signIn(), deployments: deployments(io) }),
  },
  {
    name: 'rollback',
    summary: 'Put the previous (or a given) release back into production, verified.',
    inputs: rollbackInputs.specs,
    signsIn: true,
    run: (io, signIn) => runRollback(io, { idTokens: signIn(), deployments: deployments(io) }),
  },
  {
    name: 'health-check',
    summary: 'Probe URLs and judge them by status, exact version, error rate and p95 latency.',
    inputs: healthCheckInputs.specs,
    signsIn: false,
    run: (io) => runHealthCheckFromInputs(io),
  },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
