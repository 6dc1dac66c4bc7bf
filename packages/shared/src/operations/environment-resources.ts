/** The environments main.bicep builds. */
export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** What main.bicep names each environment's resources; the operations inputs default to these. */
export function environmentResources(environment: EnvironmentName): {
  resourceGroup: string;
  appName: string;
  databaseServer: string;
  redisCache: string;
} {
  const prefix = `augeo-${environment}`;
  return {
    resourceGroup: `${prefix}-rg`,
    appName: `${prefix}-api`,
    databaseServer: `${prefix}-db`,
    redisCache: `${prefix}-redis`,
  };
}
