import { COMMANDS, findCommand, type Command } from './commands.js';
import {
  flagNeedsValue,
  flagTakesNoValue,
  missingCommand,
  unexpectedArgument,
  unknownCommand,
  unknownFlag,
} from './errors.js';
import { parseAuthMode, type AuthMode } from './sign-in.js';

/** The CLI's own options; every other flag is an input of the command's action. */
export const OPTIONS = {
  json: { takesValue: false, help: 'Print one JSON object (result, outputs, error, summary) on stdout.' },
  auth: {
    takesValue: true,
    help: 'How to sign in to Azure: oidc, env, workload-identity or cli (default: the first that applies, see docs/cli.md).',
  },
  'env-file': {
    takesValue: true,
    help: 'Load KEY=VALUE lines (such as the emulator’s env file) over the environment first.',
  },
  debug: { takesValue: false, help: 'Show debug lines too.' },
  help: { takesValue: false, help: 'Show this help.' },
} as const;

export interface CommandLine {
  command?: Command;
  /** Input name → value; a repeated flag's values are joined with new lines (multi-line inputs). */
  inputs: Record<string, string>;
  json: boolean;
  auth?: AuthMode;
  envFile?: string;
  debug: boolean;
  help: boolean;
}

/** `augeo <command> [--input value | --input=value]... [options]`; throws a usage error for anything else. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const line: CommandLine = { inputs: {}, json: false, debug: false, help: false };
  const [first, ...rest] = argv;
  if (first === undefined) throw missingCommand(COMMANDS.map((command) => command.name));
  if (first === '--help' || first === '-h') return { ...line, help: true };
  const command = findCommand(first);
  if (!command)
    throw unknownCommand(
      first,
      COMMANDS.map((candidate) => candidate.name),
    );
  line.command = command;
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index] ?? '';
    if (argument === '-h') {
      line.help = true;
      continue;
    }
    if (!argument.startsWith('--')) throw unexpectedArgument(argument, command.name);
    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals < 0 ? undefined : equals);
    const flag = `--${name}`;
    const inline = equals < 0 ? undefined : argument.slice(equals + 1);
    const option = name in OPTIONS ? OPTIONS[name as keyof typeof OPTIONS] : undefined;
    if (!option && !(name in command.inputs)) throw unknownFlag(flag, command.name);
    if (option && !option.takesValue) {
      if (inline !== undefined) throw flagTakesNoValue(flag);
      if (name === 'json') line.json = true;
      if (name === 'debug') line.debug = true;
      if (name === 'help') line.help = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = rest[index + 1];
      if (next === undefined || next.startsWith('--')) throw flagNeedsValue(flag);
      value = next;
      index += 1;
    }
    if (name === 'auth') line.auth = parseAuthMode(value);
    else if (name === 'env-file') line.envFile = value;
    else line.inputs[name] = name in line.inputs ? `${line.inputs[name]}\n${value}` : value;
  }
  return line;
}
