import { startEmulator, type Emulator, type JournalEntry } from '@augeo/emulator';
import { loadWorld } from '@augeo/emulator/world';

export const RESOURCE_GROUP = 'augeo-staging-rg';

export interface TestSite {
  name: string;
  production: string;
  staging: string;
}

/**
 * The emulator with the default world's identities and catalogue, and only the given sites in the staging
 * resource group: each scenario gets its own app, so scenarios never see each other's swaps.
 */
export async function startBlueGreenEmulator(sites: TestSite[]): Promise<Emulator> {
  const world = await loadWorld(undefined);
  const subscription = world.subscriptions[0];
  const group = subscription?.resourceGroups.find((candidate) => candidate.name === RESOURCE_GROUP);
  if (!subscription || !group) throw new Error(`the default world has no ${RESOURCE_GROUP}`);
  const template = group.sites[0];
  const settingsOf = (slot: string) => ({
    ...template?.slots.find((candidate) => candidate.name === slot)?.appSettings,
  });
  subscription.resourceGroups = [
    {
      ...group,
      sites: sites.map((site) => ({
        name: site.name,
        kind: 'app,linux,container',
        slots: [
          { name: 'production', image: site.production, appSettings: settingsOf('production') },
          { name: 'staging', image: site.staging, appSettings: settingsOf('staging') },
        ],
        slotConfigNames: template?.slotConfigNames,
      })),
    },
  ];
  return startEmulator({ world, caDir: process.env.AUGEO_EMULATOR_CA_DIR });
}

let runs = 1000;

/** What a runner step would have: the emulator's environment, a run id, and small waits for the lock. */
export function runnerEnv(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  runs += 1;
  return {
    ...emulator.env,
    GITHUB_RUN_ID: String(runs),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    AUGEO_LOCK_SETTLE_MS: '100',
    ...extra,
  };
}

/** The requests that change something in Azure. */
export function armWrites(journal: JournalEntry[]): JournalEntry[] {
  return journal.filter((entry) => entry.host === 'arm' && ['PUT', 'POST', 'PATCH', 'DELETE'].includes(entry.method));
}

/** The version an app reports, by asking it. */
export async function servedVersion(url: string): Promise<string | undefined> {
  const response = await fetch(`${url}/version`);
  if (!response.ok) return undefined;
  return ((await response.json()) as { version?: string }).version;
}

/** Small gates so a scenario takes seconds, not minutes. */
export const FAST_GATE = {
  samples: '4',
  interval: '100ms',
  'consecutive-successes': '2',
  deadline: '20s',
  timeout: '3s',
  'max-p95': '2s',
};
