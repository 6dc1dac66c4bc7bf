import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import type { LaunchCommand } from './image-catalogue.js';

const KILL_GRACE_MS = 2000;
const OUTPUT_TAIL_CHARS = 4000;

/** Process groups still alive; killed if the emulator's own process exits without stop(). */
const live = new Set<number>();
let exitGuardInstalled = false;

function installExitGuard(): void {
  if (exitGuardInstalled) return;
  exitGuardInstalled = true;
  process.on('exit', () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The local process standing in for a slot's container. */
export class SlotProcess {
  #exited = false;
  #output = '';
  readonly exit: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    const pid = child.pid;
    if (pid !== undefined) live.add(pid);
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.#exited = true;
        if (pid !== undefined) live.delete(pid);
        resolve(code);
      });
      child.once('error', (error) => {
        this.#output += `\n${error.message}`;
        this.#exited = true;
        resolve(null);
      });
    });
  }

  get exited(): boolean {
    return this.#exited;
  }

  /** The last lines the process wrote, for diagnosing a failed start. */
  get output(): string {
    return this.#output;
  }

  /** Spawns the command and waits until its port accepts connections; throws if it exits or times out first. */
  static async start(launch: LaunchCommand, port: number, timeoutMs: number): Promise<SlotProcess> {
    installExitGuard();
    const child = spawn(launch.command, launch.args, {
      cwd: launch.cwd,
      env: launch.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new SlotProcess(child, port);
    const deadline = Date.now() + timeoutMs;
    while (!started.exited) {
      if (await accepts(port)) return started;
      if (Date.now() > deadline) {
        await started.stop();
        throw new Error(`the app did not listen on port ${port} within ${timeoutMs} ms. Output:\n${started.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the app exited during start. Output:\n${started.output}`);
  }

  /** SIGTERM to the process group, SIGKILL after a grace period. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (this.#exited || pid === undefined) return;
    killGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    await this.exit;
    clearTimeout(timer);
  }
}
