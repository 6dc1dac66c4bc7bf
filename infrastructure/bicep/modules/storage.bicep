// Database backups, Redis exports and audit logs. Blobs move to the archive tier after 90 days (Cost Optimization).

@description('Name of the storage account (globally unique, 3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_GRS'
])
param skuName string

@description('Place a CanNotDelete lock on the account.')
param deleteLockEnabled bool

var containerNames = [
  'backups'
  'audit-logs'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'archive-after-90-days'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
            }
            actions: {
              baseBlob: {
                tierToArchive: {
                  daysAfterModificationGreaterThan: 90
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLockEnabled) {
  name: '${name}-delete-lock'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Production backups and audit logs: remove this lock deliberately before deleting the account.'
  }
}

output name string = account.name
