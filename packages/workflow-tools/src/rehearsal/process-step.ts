import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessOutcome {
  exitCode: number;
  /** Messages of `::error::` workflow commands, as the annotations GitHub would show. */
  errors: string[];
}

/** Runs a step's process, streams its lines to the log, and collects the errors it annotates. */
export async function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; log: (line: string) => void },
): Promise<ProcessOutcome> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const errors: string[] = [];
  const onLine = (line: string) => {
    const annotation = /^::error(?: [^:]*)?::(.*)$/.exec(line);
    if (annotation) errors.push(annotation[1]!.replace(/%0A/g, '\n').replace(/%25/g, '%'));
    options.log(line);
  };
  const streams = [child.stdout, child.stderr].map(
    (stream) =>
      new Promise<void>((done) => {
        const lines = createInterface({ input: stream });
        lines.on('line', onLine);
        lines.on('close', done);
      }),
  );
  const exitCode = await new Promise<number>((settle) => {
    child.on('error', (error) => {
      errors.push(error.message);
      settle(127);
    });
    child.on('close', (code) => settle(code ?? 1));
  });
  await Promise.all(streams);
  return { exitCode, errors };
}
