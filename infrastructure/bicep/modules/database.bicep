// PostgreSQL 14 flexible server. Sign-in is Microsoft Entra only: no administrator password exists to leak or rotate.
// Its Entra administrator is set by database-administrator.bicep.

@description('Name of the PostgreSQL flexible server.')
param name string

@description('Azure region of the server.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Compute SKU, e.g. Standard_B1ms or Standard_D2s_v3.')
param skuName string

@description('Compute tier matching skuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
])
param skuTier string

@description('ZoneRedundant keeps a standby in another availability zone (production).')
@allowed([
  'Disabled'
  'ZoneRedundant'
])
param highAvailabilityMode string

@description('Days of automated backups kept for point-in-time restore.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Whether backups are copied to the paired region.')
@allowed([
  'Disabled'
  'Enabled'
])
param geoRedundantBackup string

@description('Addresses allowed through the firewall, comma-separated (the API\'s outbound addresses).')
param allowedIpAddresses string

@description('Place a CanNotDelete lock on the server.')
param deleteLockEnabled bool

var allowedIps = split(allowedIpAddresses, ',')

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '14'
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup
    }
    highAvailability: {
      mode: highAvailabilityMode
    }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: subscription().tenantId
    }
  }
}

resource minimumTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
}

// One write at a time: concurrent writes to a flexible server fail with ServerBusy.
@batchSize(1)
resource firewallRules 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = [
  for (ip, index) in allowedIps: {
    parent: server
    name: 'app-service-${index}'
    properties: {
      startIpAddress: ip
      endIpAddress: ip
    }
    dependsOn: [
      minimumTls
    ]
  }
]

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: 'augeo'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    firewallRules
  ]
}

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLockEnabled) {
  name: '${name}-delete-lock'
  scope: server
  properties: {
    level: 'CanNotDelete'
    notes: 'Production database: remove this lock deliberately before deleting the server.'
  }
}

output name string = server.name
output databaseName string = database.name
output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName
