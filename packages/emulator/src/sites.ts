import type { FrontFaults } from './front-faults.js';
import { imageOf } from './image-catalogue.js';
import { listenFront } from './slot-front.js';
import { SlotRuntime, type AppStatus, type LaunchInput, type RuntimeDeps } from './slot-runtime.js';
import type { Listening, TlsIdentity } from './http.js';
import type { SiteConfig, SlotConfigNames, World, WorldSlot } from './world.js';

export const PRODUCTION = 'production';

export interface SlotSwapStatus {
  timestampUtc: string;
  sourceSlotName: string;
  destinationSlotName: string;
}

export interface SlotRecord {
  name: string;
  siteConfig: SiteConfig;
  appSettings: Record<string, string>;
  state: 'Running' | 'Stopped';
  slotSwapStatus: SlotSwapStatus | null;
  targetSwapSlot: string | null;
  /** This slot's own sticky values while a swap-with-preview has replaced them with the target's. */
  previewStickyBackup: Record<string, string> | undefined;
  lastModifiedTimeUtc: string;
  front: Listening;
  runtime: SlotRuntime;
}

export interface SiteRecord {
  subscriptionId: string;
  tenantId: string;
  resourceGroup: string;
  location: string;
  name: string;
  kind: string;
  slotConfigNames: SlotConfigNames;
  slots: Map<string, SlotRecord>;
  operation: { id: string; name: string; createdAt: Date } | undefined;
  /** ARM tags of the site (production); slots carry none in the emulator. */
  tags: Record<string, string>;
}

/** Read-only view of a slot for assertions and the control API. */
export interface SlotState {
  name: string;
  url: string;
  hostName: string;
  state: 'Running' | 'Stopped';
  siteConfig: SiteConfig;
  appSettings: Record<string, string>;
  slotSwapStatus: SlotSwapStatus | null;
  targetSwapSlot: string | null;
  app: { status: AppStatus; detail?: string };
}

export interface SiteState {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  name: string;
  kind: string;
  slotConfigNames: SlotConfigNames;
  tags: Record<string, string>;
  operationInProgress: string | null;
  slots: Record<string, SlotState>;
}

export function defaultSiteConfig(linuxFxVersion: string): SiteConfig {
  return {
    linuxFxVersion,
    appCommandLine: '',
    healthCheckPath: null,
    alwaysOn: true,
    minTlsVersion: '1.2',
    http20Enabled: true,
    ftpsState: 'Disabled',
    numberOfWorkers: 1,
    autoSwapSlotName: null,
  };
}

export function launchInput(slot: SlotRecord): LaunchInput {
  return { linuxFxVersion: slot.siteConfig.linuxFxVersion, appSettings: { ...slot.appSettings } };
}

export function hostNameOf(slot: SlotRecord): string {
  return `127.0.0.1:${slot.front.port}`;
}

const key = (value: string) => value.toLowerCase();

/** Every subscription, resource group and site the world seeded, with their slots' fronts and processes. */
export class SiteRegistry {
  readonly #sites: SiteRecord[] = [];

  private constructor(
    private readonly world: World,
    private readonly tls: TlsIdentity,
    private readonly runtimeDeps: RuntimeDeps,
    private readonly frontFaults: FrontFaults,
  ) {}

  static async create(
    world: World,
    tls: TlsIdentity,
    runtimeDeps: RuntimeDeps,
    frontFaults: FrontFaults,
  ): Promise<SiteRegistry> {
    const registry = new SiteRegistry(world, tls, runtimeDeps, frontFaults);
    for (const subscription of world.subscriptions) {
      for (const group of subscription.resourceGroups) {
        for (const site of group.sites) {
          const record: SiteRecord = {
            subscriptionId: subscription.id,
            tenantId: subscription.tenantId,
            resourceGroup: group.name,
            location: group.location,
            name: site.name,
            kind: site.kind ?? 'app,linux,container',
            slotConfigNames: {
              appSettingNames: [...(site.slotConfigNames?.appSettingNames ?? [])],
              connectionStringNames: [...(site.slotConfigNames?.connectionStringNames ?? [])],
              azureStorageConfigNames: [...(site.slotConfigNames?.azureStorageConfigNames ?? [])],
            },
            slots: new Map(),
            operation: undefined,
            tags: { ...site.tags },
          };
          registry.#sites.push(record);
          for (const slot of site.slots) await registry.addSlot(record, slot);
        }
      }
    }
    return registry;
  }

  subscription(subscriptionId: string) {
    return this.world.subscriptions.find((candidate) => key(candidate.id) === key(subscriptionId));
  }

  resourceGroup(subscriptionId: string, resourceGroup: string) {
    return this.subscription(subscriptionId)?.resourceGroups.find(
      (candidate) => key(candidate.name) === key(resourceGroup),
    );
  }

  site(subscriptionId: string, resourceGroup: string, name: string): SiteRecord | undefined {
    return this.#sites.find(
      (site) =>
        key(site.subscriptionId) === key(subscriptionId) &&
        key(site.resourceGroup) === key(resourceGroup) &&
        key(site.name) === key(name),
    );
  }

  sitesIn(subscriptionId: string, resourceGroup: string): SiteRecord[] {
    return this.#sites.filter(
      (site) => key(site.subscriptionId) === key(subscriptionId) && key(site.resourceGroup) === key(resourceGroup),
    );
  }

  all(): SiteRecord[] {
    return [...this.#sites];
  }

  /** Adds a site a template deployment created, with its production slot started. */
  async addSite(site: Omit<SiteRecord, 'slots' | 'operation'>, production: WorldSlot): Promise<SiteRecord> {
    const record: SiteRecord = { ...site, slots: new Map(), operation: undefined };
    this.#sites.push(record);
    await this.addSlot(record, production);
    return record;
  }

  /** Creates a slot with its own front, and starts its app unless the slot is stopped. */
  async addSlot(site: SiteRecord, slot: WorldSlot & { state?: 'Running' | 'Stopped' }): Promise<SlotRecord> {
    const runtime = new SlotRuntime(this.runtimeDeps);
    const record = {
      name: slot.name,
      siteConfig: { ...defaultSiteConfig(slot.image ? `DOCKER|${slot.image}` : ''), ...slot.siteConfig },
      appSettings: { ...slot.appSettings },
      state: slot.state ?? 'Running',
      slotSwapStatus: null,
      targetSwapSlot: null,
      previewStickyBackup: undefined,
      lastModifiedTimeUtc: new Date().toISOString(),
      runtime,
    } as Omit<SlotRecord, 'front'> as SlotRecord;
    record.front = await listenFront(
      this.tls,
      () => record.runtime,
      (path) =>
        this.frontFaults.take({
          site: site.name,
          resourceGroup: site.resourceGroup,
          slot: record.name,
          image: imageOf(record.siteConfig.linuxFxVersion) ?? '',
          path,
        }),
    );
    site.slots.set(key(slot.name), record);
    if (record.state === 'Running') await record.runtime.start(launchInput(record));
    return record;
  }

  async removeSlot(site: SiteRecord, slot: SlotRecord): Promise<void> {
    site.slots.delete(key(slot.name));
    await slot.runtime.stop();
    await slot.front.close();
  }

  slot(site: SiteRecord, name: string): SlotRecord | undefined {
    return site.slots.get(key(name));
  }

  snapshot(site: SiteRecord): SiteState {
    const slots: Record<string, SlotState> = {};
    for (const slot of site.slots.values()) {
      const hostName = hostNameOf(slot);
      slots[slot.name] = structuredClone({
        name: slot.name,
        url: `https://${hostName}`,
        hostName,
        state: slot.state,
        siteConfig: slot.siteConfig,
        appSettings: slot.appSettings,
        slotSwapStatus: slot.slotSwapStatus,
        targetSwapSlot: slot.targetSwapSlot,
        app: {
          status: slot.runtime.status,
          ...(slot.runtime.detail === undefined ? {} : { detail: slot.runtime.detail }),
        },
      });
    }
    return {
      subscriptionId: site.subscriptionId,
      resourceGroup: site.resourceGroup,
      location: site.location,
      name: site.name,
      kind: site.kind,
      slotConfigNames: structuredClone(site.slotConfigNames),
      tags: { ...site.tags },
      operationInProgress: site.operation?.name ?? null,
      slots,
    };
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.#sites.flatMap((site) =>
        [...site.slots.values()].map(async (slot) => {
          await slot.runtime.stop();
          await slot.front.close();
        }),
      ),
    );
  }
}
