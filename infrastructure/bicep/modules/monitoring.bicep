// Application Insights and the alert rules of the platform doc's "Monitoring & Alerting":
//   critical: error rate > 5 %, P95 latency > 500 ms  → email, Teams, SMS (on-call)
//   warning:  CPU > 80 %, memory > 80 %               → email, Teams
// Metric alerts aggregate by average, minimum, maximum, total or count; a percentage of failed requests and a 95th
// percentile are neither, so the two critical rules are log-search alerts over Application Insights' requests table.

@description('Prefix of every monitoring resource name, e.g. augeo-dev.')
param namePrefix string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region of Application Insights and the log alerts.')
param location string

@description('Cost-allocation tags every resource carries.')
param tags object

@description('Resource ID of the Log Analytics workspace Application Insights stores telemetry in.')
param workspaceId string

@description('Resource ID of the App Service plan whose CPU and memory are watched.')
param appServicePlanId string

@description('Operations team mailbox that receives every alert.')
param alertEmailAddress string

@description('Microsoft Teams incoming-webhook URL; it embeds a credential, so it is passed at deploy time. Empty: no Teams receiver.')
@secure()
param teamsWebhookUrl string

@description('Country calling code of the on-call phone, e.g. 1 or 44.')
param onCallSmsCountryCode string

@description('On-call phone number for critical alerts; empty: no SMS receiver.')
param onCallSmsPhoneNumber string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspaceId
    IngestionMode: 'LogAnalytics'
  }
}

var emailReceivers = [
  {
    name: 'operations-email'
    emailAddress: alertEmailAddress
    useCommonAlertSchema: true
  }
]

var webhookReceivers = empty(teamsWebhookUrl)
  ? []
  : [
      {
        name: 'teams'
        serviceUri: teamsWebhookUrl
        useCommonAlertSchema: true
      }
    ]

resource criticalActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-critical-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'augeo-crit'
    enabled: true
    emailReceivers: emailReceivers
    webhookReceivers: webhookReceivers
    smsReceivers: empty(onCallSmsPhoneNumber)
      ? []
      : [
          {
            name: 'on-call-sms'
            countryCode: onCallSmsCountryCode
            phoneNumber: onCallSmsPhoneNumber
          }
        ]
  }
}

resource warningActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-warning-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'augeo-warn'
    enabled: true
    emailReceivers: emailReceivers
    webhookReceivers: webhookReceivers
  }
}

resource errorRateAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-error-rate'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'API error rate above 5 %'
    description: 'Critical: more than 5 % of API requests failed in the last 5 minutes.'
    severity: 0
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'requests | summarize errorRate = 100.0 * countif(success == false) / count()'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'errorRate'
          operator: 'GreaterThan'
          threshold: 5
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        criticalActionGroup.id
      ]
    }
  }
}

resource latencyAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-p95-latency'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'API P95 latency above 500 ms'
    description: 'Critical: the 95th percentile of API request duration exceeded 500 ms in the last 5 minutes.'
    severity: 0
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'requests | summarize p95DurationMs = percentile(duration, 95)'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'p95DurationMs'
          operator: 'GreaterThan'
          threshold: 500
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        criticalActionGroup.id
      ]
    }
  }
}

var planUsageAlerts = [
  {
    name: 'cpu'
    metricName: 'CpuPercentage'
    description: 'Warning: average CPU of the App Service plan above 80 % for 15 minutes.'
  }
  {
    name: 'memory'
    metricName: 'MemoryPercentage'
    description: 'Warning: average memory of the App Service plan above 80 % for 15 minutes.'
  }
]

resource planUsageAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for alert in planUsageAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: 'global'
    tags: tags
    properties: {
      description: alert.description
      severity: 2
      enabled: true
      scopes: [
        appServicePlanId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: alert.name
            metricName: alert.metricName
            metricNamespace: 'Microsoft.Web/serverfarms'
            timeAggregation: 'Average'
            operator: 'GreaterThan'
            threshold: 80
          }
        ]
      }
      autoMitigate: true
      actions: [
        {
          actionGroupId: warningActionGroup.id
        }
      ]
    }
  }
]
