// Secrets the API reads at run time (database and third-party credentials). Access is by Azure RBAC only.

@description('Name of the vault (globally unique, 3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Principals (the API site and its slot) that read secrets.')
param secretReaderPrincipalIds array

@description('Addresses allowed through the firewall, comma-separated (the API\'s outbound addresses).')
param allowedIpAddresses string

@description('Place a CanNotDelete lock on the vault.')
param deleteLockEnabled bool

var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: [
        for ip in split(allowedIpAddresses, ','): {
          value: ip
        }
      ]
    }
  }
}

resource secretReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in secretReaderPrincipalIds: {
    name: guid(vault.id, principalId, keyVaultSecretsUserRoleId)
    scope: vault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLockEnabled) {
  name: '${name}-delete-lock'
  scope: vault
  properties: {
    level: 'CanNotDelete'
    notes: 'Production secrets: remove this lock deliberately before deleting the vault.'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
