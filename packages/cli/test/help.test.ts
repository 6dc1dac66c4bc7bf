import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { Cli } from './support/run-cli.js';

const ACTIONS = resolve(import.meta.dirname, '../../../actions');

interface ActionYamlInput {
  description: string;
  required?: boolean;
  default?: string;
}

/** The inputs a command's --help lists: `--name <value>  (required|optional|default: x)` then the description. */
function helpInputs(help: string): Record<string, ActionYamlInput> {
  const section = help.split(/^Inputs.*:$/m)[1]?.split(/^Options:$/m)[0] ?? '';
  const inputs: Record<string, ActionYamlInput> = {};
  for (const [, name = '', presence = '', description = ''] of section.matchAll(
    /^ {2}--([a-z0-9-]+) <value> {2}\((.*)\)\n {6}(.*)$/gm,
  )) {
    inputs[name] = {
      description,
      required: presence === 'required',
      ...(presence.startsWith('default: ') ? { default: presence.slice('default: '.length) } : {}),
    };
  }
  return inputs;
}

/** The actions of issue 8, one subcommand each. */
const COMMANDS = [
  'provision',
  'migrate',
  'deploy-backend',
  'deploy-frontend',
  'swap-slots',
  'rollback',
  'health-check',
];

let cli: Cli;
beforeAll(async () => {
  cli = await Cli.build();
}, 60_000);
afterAll(async () => {
  await cli?.remove();
});

describe('augeo --help', () => {
  it('lists one command per action, each an action of this repository', async () => {
    const run = await cli.run(['--help']);
    expect(run.exitCode).toBe(0);
    const listed = run.stdout.split(/^Commands:$/m)[1] ?? '';
    expect([...listed.matchAll(/^ {2}([a-z-]+) /gm)].map((match) => match[1])).toEqual(COMMANDS);
    const actions = await readdir(ACTIONS);
    expect(actions).toEqual(expect.arrayContaining(COMMANDS));
  });

  it.each(COMMANDS)(
    '%s --help lists exactly the inputs of its action.yml, with the same required, default and description',
    async (action) => {
      const actionYaml = parse(await readFile(resolve(ACTIONS, action, 'action.yml'), 'utf8')) as {
        inputs: Record<string, ActionYamlInput>;
      };
      const run = await cli.run([action, '--help']);
      expect(run.exitCode).toBe(0);
      const expected = Object.fromEntries(
        Object.entries(actionYaml.inputs).map(([name, input]) => [
          name,
          {
            ...input,
            description: input.description.replace(/\s*\n\s*/g, ' ').trim(),
            required: input.required ?? false,
          },
        ]),
      );
      expect(helpInputs(run.stdout)).toEqual(expected);
    },
  );

  it('refuses an unknown command and an unknown flag as usage errors (exit 2)', async () => {
    const command = await cli.run(['deploy']);
    expect(command.exitCode).toBe(2);
    expect(command.stderr).toContain("augeo: Unknown command 'deploy'.");
    const flag = await cli.run(['rollback', '--app', 'augeo-staging-api']);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toContain("augeo: Unknown flag '--app' for rollback.");
  });
});
