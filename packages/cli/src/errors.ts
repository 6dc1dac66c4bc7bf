import { AugeoError } from '@augeo/shared/errors';

/**
 * Every error the CLI itself reports (the command line, auth, the env file); the actions' own errors come from
 * @augeo/shared unchanged, so a bad input reads the same here as in a workflow log.
 */
export const USAGE = 'Usage';

const usage = (message: string, hint: string) => new AugeoError(message, { code: USAGE, hint });

export function unknownCommand(name: string, commands: readonly string[]): AugeoError {
  return usage(`Unknown command '${name}'.`, `Commands: ${commands.join(', ')}. See \`augeo --help\`.`);
}

export function missingCommand(commands: readonly string[]): AugeoError {
  return usage('No command given.', `Commands: ${commands.join(', ')}. See \`augeo --help\`.`);
}

export function unknownFlag(flag: string, command: string): AugeoError {
  return usage(
    `Unknown flag '${flag}' for ${command}.`,
    `Its flags are the inputs of actions/${command}/action.yml; see \`augeo ${command} --help\`.`,
  );
}

export function flagNeedsValue(flag: string): AugeoError {
  return usage(`Flag '${flag}' needs a value.`, `Write \`${flag} <value>\` or \`${flag}=<value>\`.`);
}

export function flagTakesNoValue(flag: string): AugeoError {
  return usage(`Flag '${flag}' takes no value.`, `Write \`${flag}\` alone.`);
}

export function unexpectedArgument(argument: string, command: string): AugeoError {
  return usage(
    `Unexpected argument '${argument}' for ${command}.`,
    'Every input is a flag, e.g. `--app-name augeo-staging-api`.',
  );
}

export function unknownAuth(value: string, modes: readonly string[]): AugeoError {
  return usage(`Unknown --auth '${value}'.`, `Use one of ${modes.join(', ')}, or leave it out (see docs/cli.md).`);
}

export function envFileUnreadable(path: string, cause: unknown): AugeoError {
  return usage(
    `Cannot read the env file '${path}': ${cause instanceof Error ? cause.message : String(cause)}`,
    'Give the path of a file of KEY=VALUE lines, such as the one `augeo-emulator start --env-file` writes.',
  );
}

export function authNotConfigured(mode: string, missing: string): AugeoError {
  return new AugeoError(`--auth ${mode} needs ${missing}.`, {
    code: 'AuthNotConfigured',
    hint: 'Set it, or choose another --auth; docs/cli.md lists what each one reads.',
  });
}

export function idTokenRequestFailed(status: number, body: string): AugeoError {
  return new AugeoError(`The OIDC token endpoint answered ${status}: ${body.slice(0, 300)}`, {
    code: 'GitHubOidcTokenUnavailable',
    hint: 'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN must come from the same job (or env file).',
  });
}
