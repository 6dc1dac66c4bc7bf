import type { SiteRecord, SlotRecord } from './sites.js';

/** App setting names that stay with their slot on swap ("deployment slot settings"). */
export function stickyNames(site: SiteRecord): Set<string> {
  return new Set(site.slotConfigNames.appSettingNames.map((name) => name.toLowerCase()));
}

export function isSticky(site: SiteRecord, name: string): boolean {
  return stickyNames(site).has(name.toLowerCase());
}

export function stickyPart(site: SiteRecord, settings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).filter(([name]) => isSticky(site, name)));
}

export function swappablePart(site: SiteRecord, settings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).filter(([name]) => !isSticky(site, name)));
}

/** The slot's own sticky values, even while a preview has replaced them with the target's. */
export function ownSticky(site: SiteRecord, slot: SlotRecord): Record<string, string> {
  return slot.previewStickyBackup ?? stickyPart(site, slot.appSettings);
}
