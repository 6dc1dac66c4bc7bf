// The public zone (augeo.app in production; dev.augeo.app and staging.augeo.app for the others, delegated from it)
// with api → the API site and admin → the static web app.

@description('Name of the DNS zone.')
param zoneName string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Host name api points at: the API site\'s default host name.')
param apiHostName string

@description('Host name admin points at: the static web app\'s default host name.')
param adminHostName string

@description('Place a CanNotDelete lock on the zone.')
param deleteLockEnabled bool

var cnameRecords = [
  {
    name: 'api'
    target: apiHostName
  }
  {
    name: 'admin'
    target: adminHostName
  }
]

resource zone 'Microsoft.Network/dnsZones@2018-05-01' = {
  name: zoneName
  location: 'global'
  tags: tags
}

resource records 'Microsoft.Network/dnsZones/CNAME@2018-05-01' = [
  for record in cnameRecords: {
    parent: zone
    name: record.name
    properties: {
      TTL: 3600
      CNAMERecord: {
        cname: record.target
      }
    }
  }
]

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLockEnabled) {
  name: '${zoneName}-delete-lock'
  scope: zone
  properties: {
    level: 'CanNotDelete'
    notes: 'Public DNS of the platform: remove this lock deliberately before deleting the zone.'
  }
}

output name string = zone.name
output nameServers array = zone.properties.nameServers
