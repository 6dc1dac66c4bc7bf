// Development: feature work and testing (~$42/month). Basic plan, Burstable database, Basic Redis, 7-day backups.
using '../main.bicep'

param environmentName = 'dev'
param location = 'westeurope'
param staticWebAppLocation = 'westeurope'
param costCenter = 'augeo-engineering'
param githubRepository = 'augeo/infra'
// The image a new environment's API starts with: provision keeps what an existing site runs (keep-running-image).
param apiContainerImage = 'augeo/api:latest'

param appServicePlanSku = 'B1'
param appServiceMinimumInstances = 1
param appServiceMaximumInstances = 1

param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param postgresHighAvailability = 'Disabled'
param postgresBackupRetentionDays = 7
param postgresGeoRedundantBackup = 'Disabled'

param redisSkuName = 'Basic'
param redisCapacity = 0

param storageSkuName = 'Standard_LRS'
param logRetentionDays = 30
param deleteLocksEnabled = false

param dnsZoneName = 'dev.augeo.app'
param communicationDataLocation = 'Europe'
param alertEmailAddress = 'operations@augeo.app'
