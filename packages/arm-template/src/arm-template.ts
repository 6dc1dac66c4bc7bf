/** The shapes of ARM JSON that `bicep build` and `bicep build-params` write (languageVersion 1.0). */

export interface ArmTemplate {
  $schema?: string;
  contentVersion?: string;
  languageVersion?: string;
  metadata?: Record<string, unknown>;
  parameters?: Record<string, ArmParameterDefinition>;
  variables?: Record<string, unknown>;
  resources: ArmResourceDefinition[];
  outputs?: Record<string, ArmOutputDefinition>;
}

export interface ArmParameterDefinition {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
  metadata?: Record<string, unknown>;
}

export interface ArmOutputDefinition {
  type: string;
  value?: unknown;
  condition?: unknown;
  copy?: unknown;
  metadata?: Record<string, unknown>;
}

export interface ArmResourceDefinition {
  type: string;
  apiVersion: string;
  name: string;
  condition?: unknown;
  copy?: { name: string; count: unknown; mode?: string; batchSize?: number };
  scope?: unknown;
  resourceGroup?: unknown;
  subscriptionId?: unknown;
  dependsOn?: unknown[];
  properties?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A parameters file: `{ "parameters": { "name": { "value": ... } } }` (or a Key Vault `reference`). */
export interface ArmParameterFile {
  $schema?: string;
  contentVersion?: string;
  parameters: Record<string, { value?: unknown; reference?: unknown }>;
}

export const deploymentsType = 'Microsoft.Resources/deployments';

export const isSecureType = (type: string) => ['securestring', 'secureobject'].includes(type.toLowerCase());
