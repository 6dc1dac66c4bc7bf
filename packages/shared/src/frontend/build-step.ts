import { spawn } from 'node:child_process';
import { frontendBuildFailed } from '../errors.js';
import type { Logger } from '../io/action-io.js';

const OUTPUT_TAIL_LINES = 30;

/**
 * Runs the user's build command through the shell in the app's folder, streaming its output into the log;
 * the build-time environment (API URL, build id) is added to the runner's own.
 */
export async function runBuildCommand(
  command: string,
  options: { cwd: string; env: Readonly<Record<string, string | undefined>>; log: Logger },
): Promise<void> {
  const tail: string[] = [];
  const exitCode = await new Promise<number>((settle) => {
    const child = spawn(command, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, shell: true });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (line === '') continue;
        options.log.info(line);
        tail.push(line);
        if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
      }
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => {
      tail.push(error.message);
      settle(127);
    });
    child.on('close', (code, signal) => settle(code ?? (signal ? 128 : 1)));
  });
  if (exitCode !== 0) throw frontendBuildFailed(command, exitCode, tail.join('\n'));
}
