@description('Name of the App Service plan.')
param name string

@description('Azure region of the plan.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Plan SKU: B1 (dev) or S1 (staging, production).')
@allowed([
  'B1'
  'S1'
])
param skuName string

@description('Instances the plan always runs.')
@minValue(1)
param minimumInstances int

@description('Instances autoscale may grow to; equal to minimumInstances means no autoscale.')
@minValue(1)
param maximumInstances int

var autoscaleEnabled = maximumInstances > minimumInstances

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: minimumInstances
  }
  properties: {
    reserved: true
  }
}

// Scale out early (70 %) so the 80 % CPU warning in monitoring.bicep means autoscale is not keeping up.
resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = if (autoscaleEnabled) {
  name: '${name}-autoscale'
  location: location
  tags: tags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(minimumInstances)
          maximum: string(maximumInstances)
          default: string(minimumInstances)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
        ]
      }
    ]
  }
}

output id string = plan.id
output name string = plan.name
