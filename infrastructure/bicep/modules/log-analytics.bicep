// The workspace every log and Application Insights telemetry lands in.

@description('Name of the Log Analytics workspace.')
param name string

@description('Azure region of the workspace.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Days logs are kept.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Place a CanNotDelete lock on the workspace (it holds the audit trail).')
param deleteLockEnabled bool

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLockEnabled) {
  name: '${name}-delete-lock'
  scope: workspace
  properties: {
    level: 'CanNotDelete'
    notes: 'Production logs and audit trail: remove this lock deliberately before deleting the workspace.'
  }
}

output id string = workspace.id
output name string = workspace.name
