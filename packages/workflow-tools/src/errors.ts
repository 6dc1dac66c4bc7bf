import { AugeoError } from '@augeo/shared/errors';

/** Every error a user of the workflow tools sees is built here. */

export function shellcheckMissing(): AugeoError {
  return new AugeoError('ShellCheck is not installed.', {
    code: 'ShellcheckMissing',
    hint: 'Install the Debian package: apt-get install shellcheck.',
  });
}

export function unsupportedUses(uses: string, workflow: string): AugeoError {
  return new AugeoError(`The rehearsal cannot run '${uses}' (in ${workflow}).`, {
    code: 'UnsupportedUses',
    hint: "It runs this repository's own workflows and actions (./… or augeo/infra/…); steps from other repositories are skipped.",
  });
}

export function invalidWorkflow(workflow: string, problems: string[]): AugeoError {
  return new AugeoError(
    `${workflow} is not a valid workflow:\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
    {
      code: 'InvalidWorkflow',
    },
  );
}

export function expressionFailed(expression: string, where: string, cause: unknown): AugeoError {
  return new AugeoError(
    `Could not evaluate \`${expression}\` (${where}): ${cause instanceof Error ? cause.message : String(cause)}`,
    {
      code: 'ExpressionFailed',
      cause,
    },
  );
}

export function emulatorRefused(what: string, status: number, body: string): AugeoError {
  return new AugeoError(`The emulator refused ${what}: HTTP ${status} ${body}`, { code: 'EmulatorRefused' });
}
