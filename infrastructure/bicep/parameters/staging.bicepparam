// Staging: pre-production validation and QA (~$100/month). Standard plan, General Purpose database, Standard Redis.
using '../main.bicep'

param environmentName = 'staging'
param location = 'westeurope'
param staticWebAppLocation = 'westeurope'
param costCenter = 'augeo-engineering'
param githubRepository = 'augeo/infra'
// The image a new environment's API starts with: provision keeps what an existing site runs (keep-running-image).
param apiContainerImage = 'augeo/api:latest'

param appServicePlanSku = 'S1'
param appServiceMinimumInstances = 1
param appServiceMaximumInstances = 1

param postgresSkuName = 'Standard_D2s_v3'
param postgresSkuTier = 'GeneralPurpose'
param postgresHighAvailability = 'Disabled'
param postgresBackupRetentionDays = 7
param postgresGeoRedundantBackup = 'Disabled'

param redisSkuName = 'Standard'
param redisCapacity = 1

param storageSkuName = 'Standard_LRS'
param logRetentionDays = 30
param deleteLocksEnabled = false

param dnsZoneName = 'staging.augeo.app'
param communicationDataLocation = 'Europe'
param alertEmailAddress = 'operations@augeo.app'
