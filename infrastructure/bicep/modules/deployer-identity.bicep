// The identity GitHub Actions log in as for this environment (OIDC, no secret): trusted only for jobs that run in the
// GitHub environment of the same name, and allowed to change only this resource group.

@description('Name of the user-assigned identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('GitHub repository (owner/name) whose workflows may log in as this identity.')
param githubRepository string

@description('GitHub environment whose jobs may log in as this identity; also the Azure environment name.')
param githubEnvironment string

// Contributor: the deploy actions create slot deployments, swap slots, restart sites and deploy the static web app.
// It cannot assign roles or place locks, which is why provisioning runs as a separate, subscription-level principal.
var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

resource githubFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity
  name: 'github-${githubEnvironment}'
  properties: {
    issuer: 'https://token.actions.githubusercontent.com'
    subject: 'repo:${githubRepository}:environment:${githubEnvironment}'
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
}

resource resourceGroupContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, identity.id, contributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
