// Cost Management budget of one environment (platform doc: Cost Controls, Monthly Cost Estimates).
//
// Alerts go to the operations mailbox and the warning action group: at 80 % of the month's amount actually spent,
// at 100 % actually spent, and as soon as Azure forecasts the month will end above 100 %.

@description('Name of the budget.')
param name string

@description('Monthly amount in the billing currency (the doc\'s estimate for this environment, in USD).')
@minValue(1)
param amount int

@description('Operations mailbox that receives budget alerts.')
param alertEmailAddress string

@description('Name of the action group (monitoring.bicep) that receives budget alerts.')
param actionGroupName string

@description('First day of the budget period; a budget starts within the current month, so the default is this month.')
param startDate string = utcNow('yyyy-MM-01')

resource warningActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' existing = {
  name: actionGroupName
}

resource budget 'Microsoft.Consumption/budgets@2023-11-01' = {
  name: name
  properties: {
    category: 'Cost'
    amount: amount
    timeGrain: 'Monthly'
    timePeriod: {
      startDate: startDate
    }
    notifications: {
      actual80: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 80
        thresholdType: 'Actual'
        contactEmails: [
          alertEmailAddress
        ]
        contactGroups: [
          warningActionGroup.id
        ]
      }
      actual100: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Actual'
        contactEmails: [
          alertEmailAddress
        ]
        contactGroups: [
          warningActionGroup.id
        ]
      }
      forecast100: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Forecasted'
        contactEmails: [
          alertEmailAddress
        ]
        contactGroups: [
          warningActionGroup.id
        ]
      }
    }
  }
}
