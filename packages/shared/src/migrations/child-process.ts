import { spawn } from 'node:child_process';

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Written to the child's standard input, which is then closed. */
  input?: string;
}

/** A program that could not be started at all (not installed, not executable), as opposed to one that failed. */
export class ProgramNotStarted extends Error {
  constructor(
    readonly program: string,
    readonly reason: string,
  ) {
    super(`${program}: ${reason}`);
  }
}

/** Runs a program without a shell and collects its output; a non-zero exit is a result, not an error. */
export function runProgram(argv: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  const [program, ...args] = argv;
  if (!program) return Promise.reject(new ProgramNotStarted('(empty command)', 'no program given'));
  return new Promise((settle, fail) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'not found' : error.code === 'EACCES' ? 'not executable' : error.message;
      fail(new ProgramNotStarted(program, reason));
    });
    child.on('close', (code, signal) =>
      settle({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    // A child that exits before reading its input closes the pipe; that is its answer, not our error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
