import { imageOf, launchCommandFor } from './image-catalogue.js';
import type { Latencies } from './latencies.js';
import { freePort, SlotProcess } from './slot-process.js';
import type { CatalogueEntry } from './world.js';

export type AppStatus = 'Stopped' | 'Starting' | 'Running' | 'Failed' | 'NoImage';

export interface LaunchInput {
  linuxFxVersion: string;
  appSettings: Record<string, string>;
}

export interface RuntimeDeps {
  catalogue: CatalogueEntry[];
  repoRoot: string;
  latencies: Latencies;
  startTimeoutMs: number;
}

/** The host environment a container would not see is left out; only what a runtime needs to be found passes. */
const PASSED_HOST_VARIABLES = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'PYTHONPATH', 'VIRTUAL_ENV', 'SYSTEMROOT'];

function launchKey(input: LaunchInput): string {
  const settings = Object.entries(input.appSettings).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([input.linuxFxVersion, settings]);
}

/** Runs, restarts and stops the process behind one slot; operations are serialised. */
export class SlotRuntime {
  #process: SlotProcess | undefined;
  #status: AppStatus = 'Stopped';
  #detail: string | undefined;
  #launchedWith: string | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RuntimeDeps) {}

  get status(): AppStatus {
    return this.#status;
  }

  get detail(): string | undefined {
    return this.#detail;
  }

  /** The port of a live process, if any. */
  backendPort(): number | undefined {
    return this.#status === 'Running' && this.#process && !this.#process.exited ? this.#process.port : undefined;
  }

  /** Whether the running (or failed) process was started with exactly these settings. */
  launchedWith(input: LaunchInput): boolean {
    return this.#launchedWith === launchKey(input);
  }

  start(input: LaunchInput): Promise<void> {
    return this.#enqueue(async () => {
      await this.#stopProcess();
      this.#status = 'Starting';
      this.#detail = undefined;
      this.#launchedWith = launchKey(input);
      await this.deps.latencies.wait('appStart');
      const image = imageOf(input.linuxFxVersion);
      if (!image) {
        this.#status = 'NoImage';
        this.#detail = input.linuxFxVersion
          ? `linuxFxVersion '${input.linuxFxVersion}' is not a DOCKER| image the emulator can run`
          : undefined;
        return;
      }
      const port = await freePort();
      const launch = launchCommandFor(this.deps.catalogue, image, port, this.deps.repoRoot);
      if (!launch) {
        this.#status = 'Failed';
        this.#detail = `Image pull failed: the emulator's image catalogue has no entry for '${image}'.`;
        return;
      }
      const host = Object.fromEntries(
        PASSED_HOST_VARIABLES.flatMap((name) =>
          process.env[name] === undefined ? [] : [[name, process.env[name] as string]],
        ),
      );
      const env = { ...host, ...launch.env, ...input.appSettings, PORT: String(port), WEBSITES_PORT: String(port) };
      try {
        const started = await SlotProcess.start({ ...launch, env }, port, this.deps.startTimeoutMs);
        this.#process = started;
        this.#status = 'Running';
        void started.exit.then((code) => {
          if (this.#process !== started) return;
          this.#status = 'Failed';
          this.#detail = `The app exited with code ${code}. Output:\n${started.output}`;
        });
      } catch (error) {
        this.#status = 'Failed';
        this.#detail = `Container start failed: ${(error as Error).message}`;
      }
    });
  }

  stop(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#stopProcess();
      this.#status = 'Stopped';
      this.#detail = undefined;
      this.#launchedWith = undefined;
    });
  }

  async #stopProcess(): Promise<void> {
    const current = this.#process;
    this.#process = undefined;
    await current?.stop();
  }

  #enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(step);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
