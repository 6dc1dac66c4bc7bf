// The API: a Linux App Service running the FastAPI container, with a `staging` slot for blue-green deploys.

@description('Name of the API site.')
param name string

@description('Azure region of the site.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Resource ID of the Linux App Service plan.')
param planId string

@description('Whether the plan\'s tier has deployment slots (Basic has none).')
param stagingSlotEnabled bool

@description('Container image the production slot runs, e.g. augeo/api:1.4.2.')
param containerImage string

@description('Container image the staging slot runs, where the plan has slots; empty: the production slot\'s.')
param stagingContainerImage string

@description('Application Insights component the API reports to.')
param applicationInsightsName string

@description('Key Vault the API reads its secrets from.')
param keyVaultName string

@description('Environment name the API reports in its telemetry.')
param environmentName string

var healthCheckPath = '/healthz'

// App Service pings this path on the slot before a swap completes; sticky so a swap never carries them away.
var swapWarmupSettings = [
  {
    name: 'WEBSITE_SWAP_WARMUP_PING_PATH'
    value: healthCheckPath
  }
  {
    name: 'WEBSITE_SWAP_WARMUP_PING_STATUSES'
    value: '200'
  }
]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var appSettings = concat(
  [
    {
      name: 'WEBSITES_PORT'
      value: '8000'
    }
    {
      name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
      value: applicationInsights.properties.ConnectionString
    }
    {
      name: 'KEY_VAULT_NAME'
      value: keyVaultName
    }
    {
      name: 'AUGEO_ENVIRONMENT'
      value: environmentName
    }
  ],
  swapWarmupSettings
)

var siteConfig = {
  linuxFxVersion: 'DOCKER|${containerImage}'
  alwaysOn: true
  http20Enabled: true
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
  healthCheckPath: healthCheckPath
  appSettings: appSettings
}

// The site's configuration with the staging slot's own image: a blue-green deploy leaves the previous release there.
// Property by property: the offline template evaluator has no union(), and a loop over the two images may not hold
// the app settings (they are known only at deployment).
var stagingSiteConfig = {
  linuxFxVersion: 'DOCKER|${empty(stagingContainerImage) ? containerImage : stagingContainerImage}'
  alwaysOn: siteConfig.alwaysOn
  http20Enabled: siteConfig.http20Enabled
  minTlsVersion: siteConfig.minTlsVersion
  scmMinTlsVersion: siteConfig.scmMinTlsVersion
  ftpsState: siteConfig.ftpsState
  healthCheckPath: siteConfig.healthCheckPath
  appSettings: siteConfig.appSettings
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: siteConfig
  }
}

resource stickySettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'slotConfigNames'
  properties: {
    appSettingNames: [for setting in swapWarmupSettings: setting.name]
  }
}

resource stagingSlot 'Microsoft.Web/sites/slots@2024-04-01' = if (stagingSlotEnabled) {
  parent: site
  name: 'staging'
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: stagingSiteConfig
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output stagingHostName string = stagingSlotEnabled ? stagingSlot!.properties.defaultHostName : ''
@description('Identities that read Key Vault secrets: the site and, where it exists, its staging slot.')
output principalIds array = concat(
  [site.identity.principalId],
  stagingSlotEnabled ? [stagingSlot!.identity.principalId] : []
)
@description('Every address the site may call out from, comma-separated: what Redis, PostgreSQL and Key Vault let in.')
output outboundIpAddresses string = site.properties.possibleOutboundIpAddresses
