import { describeError, AugeoError } from '@augeo/shared/errors';
import { parseCommandLine, type CommandLine } from './command-line.js';
import { needsRestart, rerunWith, withEnvFile } from './env-file.js';
import { USAGE } from './errors.js';
import { commandHelp, overviewHelp } from './help.js';
import { renderResult, type RunResult } from './result.js';
import { chooseAuthMode, signInFor } from './sign-in.js';
import { createTerminalIO } from './terminal-io.js';

/** 0: the action would succeed; 1: it would fail; 2: the command line (or an input) is wrong, nothing was run. */
const EXIT = { success: 0, failure: 1, usage: 2 } as const;

const streams = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

async function main(argv: readonly string[]): Promise<number> {
  let line: CommandLine;
  let env: Readonly<Record<string, string | undefined>> = process.env;
  try {
    line = parseCommandLine(argv);
    if (line.envFile && !line.help) env = await withEnvFile(env, line.envFile);
  } catch (error) {
    streams.stderr(`augeo: ${describeError(error)}\n`);
    return EXIT.usage;
  }
  if (line.help || !line.command) {
    streams.stdout(line.command ? commandHelp(line.command) : overviewHelp());
    return EXIT.success;
  }
  if (needsRestart(env)) return rerunWith(env, argv);

  const command = line.command;
  const io = createTerminalIO({
    inputs: line.inputs,
    env,
    debug: line.debug,
    progress: (text) => streams.stderr(`${text}\n`),
  });
  const auth = line.auth;
  const signIn = () => {
    const mode = auth ?? chooseAuthMode(env);
    io.log.info(`Azure sign-in: ${mode}${auth ? '' : ' (the first that applies; --auth chooses)'}.`);
    return signInFor(mode, env, io.log);
  };
  let failure: unknown;
  try {
    await command.run(io, signIn);
  } catch (error) {
    failure = error;
  }
  await io.summary.write();

  const result: RunResult = {
    command: command.name,
    result: failure === undefined ? 'success' : 'failure',
    outputs: Object.fromEntries(io.outputValues),
    ...(failure === undefined ? {} : { error: describeError(failure) }),
    summary: io.summaryMarkdown(),
  };
  if (result.error) streams.stderr(io.redact(`error: ${result.error}\n`));
  streams.stdout(io.redact(renderResult(result, line.json)));
  if (failure === undefined) return EXIT.success;
  return isUsageError(failure) ? EXIT.usage : EXIT.failure;
}

/** A bad flag value fails the action with InvalidInput before anything is done; here it is a usage error. */
function isUsageError(error: unknown): boolean {
  return error instanceof AugeoError && (error.code === 'InvalidInput' || error.code === USAGE);
}

process.exitCode = await main(process.argv.slice(2));
