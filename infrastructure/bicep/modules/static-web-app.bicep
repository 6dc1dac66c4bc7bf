// The React admin frontend.

@description('Name of the static web app.')
param name string

@description('Azure region of the static web app (a subset of regions offers them).')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

resource staticSite 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Pull-request previews are staging environments.
    stagingEnvironmentPolicy: 'Enabled'
    allowConfigFileUpdates: true
  }
}

output name string = staticSite.name
output defaultHostName string = staticSite.properties.defaultHostname
