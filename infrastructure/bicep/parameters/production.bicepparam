// Production: live workloads (~$289/month). Standard plan autoscaling 2-5, zone-redundant database with 30-day
// geo-redundant backups, Standard Redis, geo-redundant storage, CanNotDelete locks on stateful resources.
using '../main.bicep'

param environmentName = 'production'
param location = 'westeurope'
param staticWebAppLocation = 'westeurope'
param costCenter = 'augeo-engineering'
param githubRepository = 'augeo/infra'
// The image a new environment's API starts with: provision keeps what an existing site runs (keep-running-image).
param apiContainerImage = 'augeo/api:latest'

param appServicePlanSku = 'S1'
param appServiceMinimumInstances = 2
param appServiceMaximumInstances = 5

param postgresSkuName = 'Standard_D2s_v3'
param postgresSkuTier = 'GeneralPurpose'
param postgresHighAvailability = 'ZoneRedundant'
param postgresBackupRetentionDays = 30
param postgresGeoRedundantBackup = 'Enabled'

param redisSkuName = 'Standard'
param redisCapacity = 1

param storageSkuName = 'Standard_GRS'
param logRetentionDays = 90
param deleteLocksEnabled = true

param dnsZoneName = 'augeo.app'
param communicationDataLocation = 'Europe'
param alertEmailAddress = 'operations@augeo.app'
