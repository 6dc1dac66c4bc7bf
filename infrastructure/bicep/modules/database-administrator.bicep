// The Microsoft Entra administrator of the PostgreSQL server (see main.bicep for why this is its own module).

@description('Name of the PostgreSQL flexible server.')
param serverName string

@description('Entra object ID of the service principal that administers the server.')
param principalId string

@description('Display name of that principal.')
param principalName string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: serverName
}

resource administrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: principalId
  properties: {
    principalType: 'ServicePrincipal'
    principalName: principalName
    tenantId: subscription().tenantId
  }
}

output principalName string = administrator.properties.principalName
