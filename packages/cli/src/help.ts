import type { InputSpecs } from '@augeo/shared/inputs/schema';
import { OPTIONS } from './command-line.js';
import { COMMANDS, type Command } from './commands.js';

const EXIT_CODES = 'Exit codes: 0 success, 1 failure (as the action fails), 2 usage error or invalid input.';

export function overviewHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'augeo: the augeo/infra actions from a terminal, with the same inputs, checks and results.',
    '',
    'Usage: augeo <command> [--<input> <value>]... [--json] [--auth <mode>] [--env-file <file>]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `augeo <command> --help` for its inputs. docs/cli.md has examples, the auth order and the scripts.',
    EXIT_CODES,
    '',
  ].join('\n');
}

/**
 * A command's help, written from the same input definitions as its action.yml: every input with `required` or
 * its default, and its description on the next line, unwrapped (a test holds it against action.yml).
 */
export function commandHelp(command: Command): string {
  return [
    `augeo ${command.name}: ${command.summary}`,
    '',
    `Usage: augeo ${command.name} [--<input> <value>]... [options]`,
    '',
    `Inputs (those of actions/${command.name}/action.yml; repeat a flag for a multi-line input):`,
    ...inputLines(command.inputs),
    '',
    'Options:',
    ...Object.entries(OPTIONS).map(
      ([name, option]) => `  --${name}${option.takesValue ? ' <value>' : ''}\n      ${option.help}`,
    ),
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}

function inputLines(specs: InputSpecs): string[] {
  return Object.entries(specs).map(([name, spec]) => {
    const presence =
      spec.presence === 'required' ? 'required' : spec.default === undefined ? 'optional' : `default: ${spec.default}`;
    return `  --${name} <value>  (${presence})\n      ${spec.description}`;
  });
}
