import { azureInputs } from '../blue-green/blue-green-inputs.js';
import { boolean } from '../inputs/boolean.js';
import { duration } from '../inputs/duration.js';
import { oneOf } from '../inputs/one-of.js';
import { accept, reject, type Parser } from '../inputs/parser.js';
import { defineInputs, optional, required, withDefault, type InputValues } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { parameterOverrides } from './parameter-overrides.js';

export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export const PROVISION_MODES = ['validate', 'what-if', 'deploy'] as const;

const fileWithExtension = (extensions: string[]): Parser<string> => {
  const expected = `a path to a ${extensions.join(' or ')} file`;
  return {
    expected,
    parse: (raw) =>
      extensions.some((extension) => raw.toLowerCase().endsWith(extension)) ? accept(raw) : reject(expected),
  };
};

/** ARM's rule for deployment names: 1-64 characters of letters, digits, `-`, `_`, `.`, `(` and `)`. */
export const deploymentName: Parser<string> = {
  expected: 'a deployment name of 1-64 letters, digits, -, _, ., ( or )',
  parse: (raw) => (/^[-\w.()]{1,64}$/.test(raw) ? accept(raw) : reject(deploymentName.expected)),
};

/** The inputs of actions/provision; action.yml declares exactly these (a test holds them together). */
export const provisionInputs = defineInputs({
  environment: required(oneOf(ENVIRONMENTS), 'Environment to provision: dev, staging or production.'),
  template: withDefault(
    fileWithExtension(['.json', '.bicep']),
    'infrastructure/bicep/compiled/main.json',
    'Template at subscription scope: compiled ARM JSON, or a .bicep file compiled with the `bicep` on PATH.',
  ),
  parameters: optional(
    fileWithExtension(['.json', '.bicepparam']),
    'Parameters for the environment: an ARM parameters .json file, or a .bicepparam file (compiled with `bicep`). Default: `<environment>.parameters.json` beside a .json template (as in infrastructure/bicep/compiled/), `parameters/<environment>.bicepparam` beside a .bicep one.',
  ),
  'parameter-overrides': optional(
    parameterOverrides,
    'Template parameters to set for this run, one `name=value` per line, over the parameters file: the value is typed as the template declares the parameter (JSON for arrays and objects). A name the template does not declare fails the step before Azure is called. Values of secure parameters are masked.',
    { sensitive: true },
  ),
  'keep-running-image': withDefault(
    boolean,
    'true',
    "Deploy the images the API runs instead of the parameters file's, so provisioning never undoes a deploy: `apiContainerImage` becomes what the site runs and `apiStagingContainerImage` what its staging slot runs, both read from Azure before ARM validates. A site or slot that does not exist yet starts with the parameters file's image; `parameter-overrides` wins over this.",
  ),
  location: withDefault(text, 'westeurope', 'Azure region the subscription-level deployment is recorded in.'),
  mode: withDefault(
    oneOf(PROVISION_MODES),
    'what-if',
    '`validate`: ARM validates the template. `what-if`: the changes a deploy would make, as a table in the summary and the pull request. `deploy`: deploy, showing progress as resources complete.',
  ),
  'deployment-name': optional(
    deploymentName,
    'Name of the ARM deployment. Default: `augeo-<environment>-<run id>-<run attempt>`, the same for every mode of one run.',
  ),
  policy: withDefault(
    boolean,
    'true',
    'Run the offline policy checks (tags, locks, TLS, Key Vault, Redis, PostgreSQL, secrets) first; a failed check stops the step before Azure is called.',
  ),
  timeout: withDefault(
    duration({ minMs: 1000, maxMs: 6 * 3_600_000 }),
    '60m',
    'Deadline of the ARM call (a deploy waits for every resource).',
  ),
  'github-token': optional(
    text,
    'Token that posts the what-if to the pull request (needs `pull-requests: write`): one comment, updated on each push. Without it the what-if goes to the job summary only.',
    { sensitive: true },
  ),
  ...azureInputs,
});

export type ProvisionValues = InputValues<typeof provisionInputs.specs>;

/** The repository's layout: compiled/<env>.parameters.json beside main.json, parameters/<env>.bicepparam beside main.bicep. */
export function defaultParametersPath(template: string, environment: string): string {
  const folder = template.includes('/') ? template.slice(0, template.lastIndexOf('/') + 1) : '';
  return template.toLowerCase().endsWith('.bicep')
    ? `${folder}parameters/${environment}.bicepparam`
    : `${folder}${environment}.parameters.json`;
}

/** Deterministic per environment and run, so what-if and deploy of one run share a name and reruns do not collide. */
export function defaultDeploymentName(environment: string, env: Readonly<Record<string, string | undefined>>): string {
  const run = env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT || '1'}` : 'local';
  return `augeo-${environment}-${run}`;
}
