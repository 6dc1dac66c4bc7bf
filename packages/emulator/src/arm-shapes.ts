import { hostNameOf, PRODUCTION, type SiteRecord, type SlotRecord } from './sites.js';

/** ARM ids and wire shapes of Microsoft.Web sites, slots and their config (part C.4). */
export function siteId(site: SiteRecord): string {
  return `/subscriptions/${site.subscriptionId}/resourceGroups/${site.resourceGroup}/providers/Microsoft.Web/sites/${site.name}`;
}

export function slotId(site: SiteRecord, slot: SlotRecord): string {
  return slot.name === PRODUCTION ? siteId(site) : `${siteId(site)}/slots/${slot.name}`;
}

function serverFarmId(site: SiteRecord): string {
  return `/subscriptions/${site.subscriptionId}/resourceGroups/${site.resourceGroup}/providers/Microsoft.Web/serverfarms/${site.name}-plan`;
}

export function siteJson(site: SiteRecord, slot: SlotRecord): object {
  const isProduction = slot.name === PRODUCTION;
  const hostName = hostNameOf(slot);
  return {
    id: slotId(site, slot),
    name: isProduction ? site.name : `${site.name}/${slot.name}`,
    type: isProduction ? 'Microsoft.Web/sites' : 'Microsoft.Web/sites/slots',
    kind: site.kind,
    location: site.location,
    tags: isProduction ? { ...site.tags } : {},
    properties: {
      name: isProduction ? site.name : `${site.name}(${slot.name})`,
      state: slot.state,
      hostNames: [hostName],
      repositorySiteName: site.name,
      usageState: 'Normal',
      enabled: true,
      enabledHostNames: [hostName],
      availabilityState: 'Normal',
      hostNameSslStates: [{ name: hostName, sslState: 'Disabled', hostType: 'Standard' }],
      serverFarmId: serverFarmId(site),
      reserved: true,
      isXenon: false,
      hyperV: false,
      lastModifiedTimeUtc: slot.lastModifiedTimeUtc,
      siteConfig: {
        numberOfWorkers: slot.siteConfig.numberOfWorkers,
        linuxFxVersion: slot.siteConfig.linuxFxVersion,
        alwaysOn: slot.siteConfig.alwaysOn,
        http20Enabled: slot.siteConfig.http20Enabled,
        minTlsVersion: slot.siteConfig.minTlsVersion,
        healthCheckPath: slot.siteConfig.healthCheckPath,
      },
      scmSiteAlsoStopped: false,
      targetSwapSlot: slot.targetSwapSlot,
      clientAffinityEnabled: false,
      clientCertEnabled: false,
      hostNamesDisabled: false,
      outboundIpAddresses: '127.0.0.1',
      possibleOutboundIpAddresses: '127.0.0.1',
      containerSize: 0,
      resourceGroup: site.resourceGroup,
      defaultHostName: hostName,
      slotSwapStatus: slot.slotSwapStatus,
      httpsOnly: true,
      redundancyMode: 'None',
      publicNetworkAccess: 'Enabled',
      inProgressOperationId: site.operation?.id ?? null,
    },
  };
}

export function configJson(site: SiteRecord, slot: SlotRecord): object {
  return {
    id: `${slotId(site, slot)}/config/web`,
    name: slot.name === PRODUCTION ? site.name : `${site.name}/${slot.name}`,
    type: 'Microsoft.Web/sites/config',
    location: site.location,
    properties: { ...slot.siteConfig },
  };
}

export function appSettingsJson(site: SiteRecord, slot: SlotRecord): object {
  return {
    id: `${slotId(site, slot)}/config/appsettings`,
    name: 'appsettings',
    type: 'Microsoft.Web/sites/config',
    location: site.location,
    properties: { ...slot.appSettings },
  };
}

export function slotConfigNamesJson(site: SiteRecord): object {
  return {
    id: `${siteId(site)}/config/slotConfigNames`,
    name: 'slotConfigNames',
    type: 'Microsoft.Web/sites/config',
    location: site.location,
    properties: structuredClone(site.slotConfigNames),
  };
}

/** The Microsoft.Resources tags resource of a site (`{scope}/providers/Microsoft.Resources/tags/default`). */
export function tagsJson(site: SiteRecord): object {
  return {
    id: `${siteId(site)}/providers/Microsoft.Resources/tags/default`,
    name: 'default',
    type: 'Microsoft.Resources/tags',
    properties: { tags: { ...site.tags } },
  };
}
