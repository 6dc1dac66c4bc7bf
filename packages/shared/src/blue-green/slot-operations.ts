/**
 * The port the blue-green core talks to App Service through: one site, its slots, their configuration and the
 * site's tags. The ARM adapter (arm-slot-operations.ts) implements it with @azure/arm-appservice; every method
 * is one ARM call, so a test's journal reads like the method list.
 */
export interface SlotView {
  slot: string;
  /** `DOCKER|image:tag`, or '' for an empty slot. */
  linuxFxVersion: string;
  /** `https://<defaultHostName>`: the slot's own address (also right for real Azure). */
  url: string;
  /** Azure's id of an operation (a swap) still running on the site; undefined when idle. */
  operationInProgress?: string;
}

export interface SlotOperations {
  readonly resourceGroup: string;
  readonly appName: string;
  readSlot(slot: string): Promise<SlotView>;
  readAppSettings(slot: string): Promise<Record<string, string>>;
  /** Replaces the slot's whole app-settings dictionary (ARM has no merge: read, merge, write). */
  writeAppSettings(slot: string, settings: Record<string, string>): Promise<void>;
  readStickySettingNames(): Promise<string[]>;
  writeStickySettingNames(names: string[]): Promise<void>;
  /** PATCHes config/web: the image and the health-check path, nothing else. */
  writeContainerConfig(slot: string, config: { linuxFxVersion: string; healthCheckPath: string }): Promise<void>;
  restart(slot: string): Promise<void>;
  /** Starts the swap and polls it to the end; the signal stops the polling (not Azure's operation). */
  swap(source: string, target: string, options: { preserveVnet: boolean; abortSignal: AbortSignal }): Promise<void>;
  /** Swap with preview, phase one: `source` takes `target`'s slot-specific settings and restarts. */
  applySlotConfig(source: string, target: string, preserveVnet: boolean): Promise<void>;
  /** Cancels a swap with preview on `source`. */
  resetSlotConfig(source: string): Promise<void>;
  readTags(): Promise<Record<string, string>>;
  mergeTags(tags: Record<string, string>): Promise<void>;
  /** Deletes each named tag only while it still has the given value (the Tags API's name/value delete). */
  deleteTags(tags: Record<string, string>): Promise<void>;
}

export const PRODUCTION_SLOT = 'production';
