// One Augeo environment: its resource group and everything in it (docs: platform-architecture.md).
// Compiled to compiled/main.json by scripts/bicep.sh build-all; per-environment values live in parameters/.
targetScope = 'subscription'

@description('Environment to build; it names the resource group and every resource in it.')
@allowed([
  'dev'
  'staging'
  'production'
])
param environmentName string

@description('Azure region of the environment.')
param location string

@description('Region of the static web app; only some regions host them.')
param staticWebAppLocation string

@description('Cost center the environment is charged to (tag CostCenter).')
param costCenter string

@description('GitHub repository (owner/name) whose workflows deploy this environment.')
param githubRepository string

@description('Container image of the API\'s production slot. The provision action passes the image the slot runs (keep-running-image), so this is what a new environment starts with.')
param apiContainerImage string

@description('Container image of the API\'s staging slot; empty: apiContainerImage. The provision action passes the image the slot runs, as for apiContainerImage.')
param apiStagingContainerImage string = ''

@description('App Service plan SKU.')
@allowed([
  'B1'
  'S1'
])
param appServicePlanSku string

@description('App Service plan instances always running.')
@minValue(1)
param appServiceMinimumInstances int

@description('App Service plan instances autoscale may reach (equal to the minimum: no autoscale).')
@minValue(1)
param appServiceMaximumInstances int

@description('PostgreSQL compute SKU.')
param postgresSkuName string

@description('PostgreSQL compute tier.')
@allowed([
  'Burstable'
  'GeneralPurpose'
])
param postgresSkuTier string

@description('PostgreSQL high availability.')
@allowed([
  'Disabled'
  'ZoneRedundant'
])
param postgresHighAvailability string

@description('Days of PostgreSQL backups kept.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int

@description('Whether PostgreSQL backups are copied to the paired region.')
@allowed([
  'Disabled'
  'Enabled'
])
param postgresGeoRedundantBackup string

@description('Redis tier.')
@allowed([
  'Basic'
  'Standard'
])
param redisSkuName string

@description('Redis size in the C family.')
@minValue(0)
@maxValue(6)
param redisCapacity int

@description('Storage account replication.')
@allowed([
  'Standard_LRS'
  'Standard_GRS'
])
param storageSkuName string

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int

@description('CanNotDelete locks on the stateful resources (production).')
param deleteLocksEnabled bool

@description('Public DNS zone of the environment; also the email domain.')
param dnsZoneName string

@description('Geography where Communication Services keeps data at rest.')
param communicationDataLocation string

@description('Operations mailbox for alerts.')
param alertEmailAddress string

@description('Microsoft Teams incoming-webhook URL for alerts, passed at deploy time from a secret. Empty: no Teams receiver.')
@secure()
param teamsWebhookUrl string = ''

@description('Country calling code of the on-call phone.')
param onCallSmsCountryCode string = '1'

@description('On-call phone number for critical alerts, passed at deploy time. Empty: no SMS receiver.')
param onCallSmsPhoneNumber string = ''

var namePrefix = 'augeo-${environmentName}'
var resourceGroupName = '${namePrefix}-rg'
var applicationInsightsName = '${namePrefix}-appi'
var databaseServerName = '${namePrefix}-db'
var tags = {
  Environment: environmentName
  Project: 'augeo-platform'
  Owner: 'operations'
  CostCenter: costCenter
}
// Globally unique names: a stable suffix per subscription and environment.
var uniqueSuffix = uniqueString(subscription().subscriptionId, environmentName)
var keyVaultName = take('augeo-${environmentName}-${uniqueSuffix}', 24)
var storageAccountName = take('augeo${environmentName}${uniqueSuffix}', 24)
// Basic plans have no deployment slots: dev deploys straight to production there.
var stagingSlotEnabled = appServicePlanSku != 'B1'
// The platform doc's Monthly Cost Estimates, in USD: each environment's Cost Management budget.
var monthlyBudgets = {
  dev: 42
  staging: 100
  production: 289
}

module resourceGroupModule 'modules/resource-group.bicep' = {
  name: 'resource-group'
  params: {
    name: resourceGroupName
    location: location
    tags: tags
  }
}

module deployerIdentity 'modules/deployer-identity.bicep' = {
  name: 'deployer-identity'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: '${namePrefix}-deployer'
    location: location
    tags: tags
    githubRepository: githubRepository
    githubEnvironment: environmentName
  }
  dependsOn: [
    resourceGroupModule
  ]
}

module logAnalytics 'modules/log-analytics.bicep' = {
  name: 'log-analytics'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: '${namePrefix}-logs'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    deleteLockEnabled: deleteLocksEnabled
  }
  dependsOn: [
    resourceGroupModule
  ]
}

module appServicePlan 'modules/app-service-plan.bicep' = {
  name: 'app-service-plan'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: '${namePrefix}-plan'
    location: location
    tags: tags
    skuName: appServicePlanSku
    minimumInstances: appServiceMinimumInstances
    maximumInstances: appServiceMaximumInstances
  }
  dependsOn: [
    resourceGroupModule
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup(resourceGroupName)
  params: {
    namePrefix: namePrefix
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    workspaceId: logAnalytics.outputs.id
    appServicePlanId: appServicePlan.outputs.id
    alertEmailAddress: alertEmailAddress
    teamsWebhookUrl: teamsWebhookUrl
    onCallSmsCountryCode: onCallSmsCountryCode
    onCallSmsPhoneNumber: onCallSmsPhoneNumber
  }
}

module budget 'modules/budget.bicep' = {
  name: 'budget'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: '${namePrefix}-monthly-budget'
    amount: monthlyBudgets[environmentName]
    alertEmailAddress: alertEmailAddress
    actionGroupName: '${namePrefix}-warning-ag'
  }
  dependsOn: [
    monitoring
  ]
}

module appService 'modules/app-service.bicep' = {
  name: 'app-service'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: '${namePrefix}-api'
    location: location
    tags: tags
    planId: appServicePlan.outputs.id
    stagingSlotEnabled: stagingSlotEnabled
    containerImage: apiContainerImage
    stagingContainerImage: apiStagingContainerImage
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    environmentName: environmentName
  }
  dependsOn: [
    monitoring
  ]
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: keyVaultName
    location: location
    tags: tags
    secretReaderPrincipalIds: appService.outputs.principalIds
    allowedIpAddresses: appService.outputs.outboundIpAddresses
    deleteLockEnabled: deleteLocksEnabled
  }
}

module database 'modules/database.bicep' = {
  name: 'database'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: databaseServerName
    location: location
    tags: tags
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    highAvailabilityMode: postgresHighAvailability
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    allowedIpAddresses: appService.outputs.outboundIpAddresses
    deleteLockEnabled: deleteLocksEnabled
  }
}

// The deployer identity administers the database, so migrations log in with the same OIDC identity as the deploys.
// An Entra administrator is named by its principal ID, which exists only once the identity does; what-if cannot
// predict such a resource, so it sits alone in its module and the database's own changes stay predictable.
module databaseAdministrator 'modules/database-administrator.bicep' = {
  name: 'database-administrator'
  scope: resourceGroup(resourceGroupName)
  params: {
    serverName: databaseServerName
    #disable-next-line what-if-short-circuiting
    principalId: deployerIdentity.outputs.principalId
    principalName: deployerIdentity.outputs.name
  }
  dependsOn: [
    database
  ]
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: '${namePrefix}-redis'
    location: location
    tags: tags
    skuName: redisSkuName
    capacity: redisCapacity
    allowedIpAddresses: appService.outputs.outboundIpAddresses
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSkuName
    deleteLockEnabled: deleteLocksEnabled
  }
  dependsOn: [
    resourceGroupModule
  ]
}

module staticWebApp 'modules/static-web-app.bicep' = {
  name: 'static-web-app'
  scope: resourceGroup(resourceGroupName)
  params: {
    name: '${namePrefix}-admin'
    location: staticWebAppLocation
    tags: tags
  }
  dependsOn: [
    resourceGroupModule
  ]
}

module dns 'modules/dns.bicep' = {
  name: 'dns'
  scope: resourceGroup(resourceGroupName)
  params: {
    zoneName: dnsZoneName
    tags: tags
    apiHostName: appService.outputs.defaultHostName
    adminHostName: staticWebApp.outputs.defaultHostName
    deleteLockEnabled: deleteLocksEnabled
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  scope: resourceGroup(resourceGroupName)
  params: {
    namePrefix: namePrefix
    tags: tags
    emailDomainName: dnsZoneName
    dataLocation: communicationDataLocation
  }
  dependsOn: [
    resourceGroupModule
  ]
}

output resourceGroupName string = resourceGroupModule.outputs.name
output apiAppName string = appService.outputs.name
output apiDefaultHostName string = appService.outputs.defaultHostName
@description('Empty where the plan has no slots (dev on Basic).')
output apiStagingHostName string = appService.outputs.stagingHostName
output staticWebAppName string = staticWebApp.outputs.name
output staticWebAppDefaultHostName string = staticWebApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output databaseServerName string = database.outputs.name
output redisName string = redis.outputs.name
output dnsZoneName string = dns.outputs.name
output emailDomainName string = communication.outputs.emailDomainName
output deployerClientId string = deployerIdentity.outputs.clientId
