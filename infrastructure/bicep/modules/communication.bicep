// Transactional email from the platform's own domain through Azure Communication Services.

@description('Prefix of the resource names, e.g. augeo-dev.')
param namePrefix string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Custom domain mail is sent from, e.g. augeo.app.')
param emailDomainName string

@description('Geography where Communication Services keeps data at rest, e.g. Europe.')
param dataLocation string

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: '${namePrefix}-email'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource emailDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: emailDomainName
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: '${namePrefix}-acs'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      emailDomain.id
    ]
  }
}

output name string = communicationService.name
output emailDomainName string = emailDomain.name
