import { duration } from '../inputs/duration.js';
import { integer } from '../inputs/integer.js';
import { list } from '../inputs/list.js';
import { oneOf } from '../inputs/one-of.js';
import { defineInputs, optional, required, withDefault } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { buildIdentifier, environmentName } from './frontend-parsers.js';
import { blobContainerUrl } from '../inputs/blob-container-url.js';
import { environmentAssignment } from '../inputs/environment-assignment.js';
import { resourceGroupName, staticWebAppName } from '../inputs/azure-names.js';

export const FRONTEND_MODES = ['deploy', 'rollback', 'close-preview'] as const;
export type FrontendMode = (typeof FRONTEND_MODES)[number];

/** deploy-frontend's inputs; action.yml declares exactly these plus the Azure sign-in inputs. */
export const deployFrontendInputs = defineInputs({
  'resource-group': required(resourceGroupName, 'Resource group of the Static Web App.'),
  'static-web-app-name': required(staticWebAppName, 'Name of the Static Web App.'),
  'environment-name': optional(
    environmentName,
    'Preview environment to deploy to or close (e.g. pr-123); empty deploys to production.',
  ),
  mode: withDefault(
    oneOf(FRONTEND_MODES),
    'deploy',
    'deploy (build, upload, deploy, verify), rollback (redeploy a kept package, verified) or close-preview ' +
      '(delete the preview environment).',
  ),
  'app-location': withDefault(text, '.', 'Folder of the frontend, relative to the workspace.'),
  'build-command': optional(
    text,
    'Shell command that builds the app in app-location (e.g. "npm ci && npm run build"); empty deploys ' +
      'output-location as it is.',
  ),
  'output-location': withDefault(text, 'dist', 'Build output folder, relative to app-location.'),
  'build-env': optional(
    list(environmentAssignment, 'lines'),
    'Build-time environment, one NAME=value per line (e.g. VITE_API_BASE_URL for this environment). ' +
      'BUILD_ID and VITE_BUILD_ID are always set to the build id.',
  ),
  'build-id': optional(
    buildIdentifier,
    "Build id stamped into the app and checked in its version.json; default <sha 12>-<run id>-<attempt>. The app's " +
      'own version.json wins when it names one.',
  ),
  'package-storage': optional(
    blobContainerUrl,
    'Blob container that keeps deployment packages, e.g. https://myaccount.blob.core.windows.net/frontend-packages. ' +
      'Required for deploy and rollback; the identity needs Storage Blob Data Contributor on it.',
  ),
  'keep-packages': withDefault(
    integer({ min: 2, max: 50 }),
    '5',
    'How many packages to keep per environment, so rollback has something to go back to.',
  ),
  package: optional(
    text,
    'rollback: the build id (or blob name) of the kept package to redeploy; default the newest one whose build ' +
      'differs from what is served.',
  ),
  'deploy-timeout': withDefault(
    duration({ minMs: 1000, maxMs: 3_600_000 }),
    '10m',
    'Deadline for the zip deployment in Azure.',
  ),
  'verify-timeout': withDefault(
    duration({ minMs: 1000, maxMs: 3_600_000 }),
    '5m',
    'Deadline for the site to serve the new build id after Azure says done.',
  ),
  'github-token': optional(
    text,
    'Token for the pull-request comment with the preview URL (needs pull-requests: write); empty skips the comment.',
    { sensitive: true },
  ),
});

export type DeployFrontendInputs = ReturnType<typeof deployFrontendInputs.read>;
