// Azure Cache for Redis: sessions, API cache, rate limits.
//
// The platform doc asks for AOF persistence in production on Standard C1. Azure offers AOF and RDB persistence
// (redisConfiguration 'aof-backup-enabled' / 'rdb-backup-enabled') only on the Premium tier and rejects them on
// Basic and Standard. We keep the doc's SKU and cost (Standard C1) without persistence rather than silently tripling
// the production Redis bill with Premium P1; infrastructure/README.md states the gap and the upgrade path.

@description('Name of the cache.')
param name string

@description('Azure region of the cache.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Basic (dev, no replica) or Standard (staging, production: primary + replica).')
@allowed([
  'Basic'
  'Standard'
])
param skuName string

@description('Size within the C family: 0 = 250 MB, 1 = 1 GB.')
@minValue(0)
@maxValue(6)
param capacity int

@description('Addresses allowed through the firewall, comma-separated (the API\'s outbound addresses).')
param allowedIpAddresses string

var allowedIps = split(allowedIpAddresses, ',')

resource cache 'Microsoft.Cache/redis@2024-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisVersion: '6'
  }
}

resource firewallRules 'Microsoft.Cache/redis/firewallRules@2024-03-01' = [
  for (ip, index) in allowedIps: {
    parent: cache
    name: 'appService${index}'
    properties: {
      startIP: ip
      endIP: ip
    }
  }
]

output name string = cache.name
output hostName string = cache.properties.hostName
