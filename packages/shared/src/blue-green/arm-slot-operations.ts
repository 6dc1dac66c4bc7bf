import type { WebSiteManagementContext } from '@azure/arm-appservice/api';
import {
  applySlotConfigurationSlot,
  applySlotConfigToProduction,
  get,
  getSlot,
  listApplicationSettings,
  listApplicationSettingsSlot,
  listSlotConfigurationNames,
  resetProductionSlotConfig,
  resetSlotConfigurationSlot,
  restart,
  restartSlot,
  swapSlot,
  swapSlotWithProduction,
  updateApplicationSettings,
  updateApplicationSettingsSlot,
  updateConfiguration,
  updateConfigurationSlot,
  updateSlotConfigurationNames,
} from '@azure/arm-appservice/api/webApps';
import { RestError } from '@azure/core-rest-pipeline';
import { armCall } from '../azure/arm-call.js';
import { PRODUCTION_SLOT, type SlotOperations, type SlotView } from './slot-operations.js';

/** The Tags API version: tags are a Microsoft.Resources extension resource, versioned apart from Microsoft.Web. */
const TAGS_API_VERSION = '2021-04-01';

const isProduction = (slot: string): boolean => slot.toLowerCase() === PRODUCTION_SLOT;

/**
 * SlotOperations over ARM. The production slot has no `/slots/production` path in ARM: it is the site itself,
 * so each call picks the site-level or the slot-level operation.
 */
export function createArmSlotOperations(
  context: WebSiteManagementContext,
  site: { subscriptionId: string; resourceGroup: string; appName: string; pollIntervalMs: number },
): SlotOperations {
  const { resourceGroup: rg, appName: name } = site;
  const tagsPath =
    `/subscriptions/${encodeURIComponent(site.subscriptionId)}/resourceGroups/${encodeURIComponent(rg)}` +
    `/providers/Microsoft.Web/sites/${encodeURIComponent(name)}/providers/Microsoft.Resources/tags/default`;

  const tagsRequest = async (method: 'get' | 'patch', body?: unknown): Promise<Record<string, string>> => {
    const resource = context.path(tagsPath);
    const options = { queryParameters: { 'api-version': TAGS_API_VERSION }, ...(body === undefined ? {} : { body }) };
    const response = method === 'get' ? await resource.get(options) : await resource.patch(options);
    const status = Number(response.status);
    const payload = response.body as {
      properties?: { tags?: Record<string, string> };
      error?: { code?: string; message?: string };
    };
    if (status < 200 || status > 299) {
      const failure = new RestError(payload?.error?.message ?? `HTTP ${status}`, {
        code: payload?.error?.code,
        statusCode: status,
      });
      failure.details = payload;
      throw failure;
    }
    return payload?.properties?.tags ?? {};
  };

  return {
    resourceGroup: rg,
    appName: name,
    async readSlot(slot) {
      const found = await armCall(`Read slot '${slot}' of ${name}`, () =>
        isProduction(slot) ? get(context, rg, name) : getSlot(context, rg, name, slot),
      );
      const view: SlotView = {
        slot,
        linuxFxVersion: found.siteConfig?.linuxFxVersion ?? '',
        url: `https://${found.defaultHostName ?? ''}`,
      };
      if (found.inProgressOperationId) view.operationInProgress = found.inProgressOperationId;
      return view;
    },
    async readAppSettings(slot) {
      const settings = await armCall(`Read the app settings of slot '${slot}'`, () =>
        isProduction(slot)
          ? listApplicationSettings(context, rg, name)
          : listApplicationSettingsSlot(context, rg, name, slot),
      );
      return { ...(settings.properties ?? {}) };
    },
    async writeAppSettings(slot, properties) {
      await armCall(`Write the app settings of slot '${slot}'`, () =>
        isProduction(slot)
          ? updateApplicationSettings(context, rg, name, { properties })
          : updateApplicationSettingsSlot(context, rg, name, slot, { properties }),
      );
    },
    async readStickySettingNames() {
      const names = await armCall(`Read the slot-specific setting names of ${name}`, () =>
        listSlotConfigurationNames(context, rg, name),
      );
      return [...(names.appSettingNames ?? [])];
    },
    async writeStickySettingNames(appSettingNames) {
      const current = await armCall(`Read the slot-specific setting names of ${name}`, () =>
        listSlotConfigurationNames(context, rg, name),
      );
      await armCall(`Write the slot-specific setting names of ${name}`, () =>
        updateSlotConfigurationNames(context, rg, name, { ...current, appSettingNames }),
      );
    },
    async writeContainerConfig(slot, config) {
      // Only the two properties we own: a full SiteConfig would reset settings the user manages elsewhere.
      const siteConfig = { linuxFxVersion: config.linuxFxVersion, healthCheckPath: config.healthCheckPath };
      await armCall(`Set the image of slot '${slot}'`, () =>
        isProduction(slot)
          ? updateConfiguration(context, rg, name, siteConfig)
          : updateConfigurationSlot(context, rg, name, slot, siteConfig),
      );
    },
    async restart(slot) {
      await armCall(`Restart slot '${slot}'`, () =>
        isProduction(slot) ? restart(context, rg, name) : restartSlot(context, rg, name, slot),
      );
    },
    async swap(source, target, { preserveVnet, abortSignal }) {
      const pollOptions = { updateIntervalInMs: site.pollIntervalMs, abortSignal };
      // ARM wants the non-production slot in the URL when production takes part.
      const [urlSlot, targetSlot] = isProduction(source) ? [target, source] : [source, target];
      const poller = isProduction(urlSlot)
        ? swapSlotWithProduction(context, rg, name, { targetSlot, preserveVnet }, pollOptions)
        : swapSlot(context, rg, name, urlSlot, { targetSlot, preserveVnet }, pollOptions);
      await poller.pollUntilDone({ abortSignal });
    },
    async applySlotConfig(source, target, preserveVnet) {
      await armCall(`Apply the settings of '${target}' to '${source}' (swap with preview)`, () =>
        isProduction(source)
          ? applySlotConfigToProduction(context, rg, name, { targetSlot: target, preserveVnet })
          : applySlotConfigurationSlot(context, rg, name, source, { targetSlot: target, preserveVnet }),
      );
    },
    async resetSlotConfig(source) {
      await armCall(`Reset the swap with preview of '${source}'`, () =>
        isProduction(source)
          ? resetProductionSlotConfig(context, rg, name)
          : resetSlotConfigurationSlot(context, rg, name, source),
      );
    },
    readTags: () => armCall(`Read the tags of ${name}`, () => tagsRequest('get')),
    async mergeTags(tags) {
      await armCall(`Tag ${name}`, () => tagsRequest('patch', { operation: 'Merge', properties: { tags } }));
    },
    async deleteTags(tags) {
      await armCall(`Remove tags from ${name}`, () =>
        tagsRequest('patch', { operation: 'Delete', properties: { tags } }),
      );
    },
  };
}
