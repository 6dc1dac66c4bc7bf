import { randomUUID } from 'node:crypto';

/** A problem with how the emulator was started or seeded (bad world file, missing CA tool...). */
export class EmulatorError extends Error {
  override name = 'EmulatorError';
}

/** An ARM error response: HTTP status plus the `{error:{code,message}}` body ARM sends. */
export class ArmError extends Error {
  override name = 'ArmError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const armErrors = {
  missingAuthorization: () =>
    new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing."),
  invalidToken: () => new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.'),
  expiredToken: (expiredAt: Date) =>
    new ArmError(
      401,
      'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${expiredAt.toUTCString()}' is earlier than current UTC time '${new Date().toUTCString()}'.`,
    ),
  wrongTenant: (subscriptionId: string) =>
    new ArmError(
      401,
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer. It must match the tenant associated with subscription '${subscriptionId}'.`,
    ),
  authorizationFailed: (appId: string, objectId: string, action: string, scope: string) =>
    new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${appId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    ),
  subscriptionNotFound: (subscriptionId: string) =>
    new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`),
  resourceGroupNotFound: (resourceGroup: string) =>
    new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`),
  resourceNotFound: (type: string, resourceGroup: string) =>
    new ArmError(
      404,
      'ResourceNotFound',
      `The Resource '${type}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    ),
  operationNotFound: (operationId: string) =>
    new ArmError(404, 'NotFound', `The operation '${operationId}' was not found.`),
  routeNotModelled: (method: string, path: string) =>
    new ArmError(
      404,
      'EmulatorRouteNotModelled',
      `The Azure emulator does not model '${method} ${path}'. See packages/emulator/README.md for the routes it serves.`,
    ),
  invalidLinuxFxVersion: () => new ArmError(400, 'BadRequest', 'The parameter LinuxFxVersion has an invalid value.'),
  invalidBody: (detail: string) =>
    new ArmError(400, 'InvalidRequestContent', `The request content was invalid: ${detail}`),
  missingTargetSlot: () =>
    new ArmError(400, 'BadRequest', "The parameter 'targetSlot' is required and must name another slot."),
  cannotDeleteProduction: () => new ArmError(400, 'BadRequest', 'The production slot cannot be deleted.'),
  operationInProgress: (operationId: string, operationName: string, createdAt: Date) =>
    new ArmError(
      409,
      'Conflict',
      `Cannot modify this site because another operation is in progress. Details: Id: ${operationId}, OperationName: ${operationName}, CreatedTime: ${createdAt.toISOString()}`,
    ),
  swapWarmUpFailed: (site: string, slot: string) =>
    new ArmError(
      417,
      'ExpectationFailed',
      `Cannot swap site slots for site '${site}' because the '${slot}' slot did not respond to http ping. (CODE: 417)`,
    ),
  injected: (status: number) =>
    new ArmError(
      status,
      status === 429 ? 'TooManyRequests' : `Http${status}`,
      `Fault injected by the emulator (HTTP ${status}).`,
    ),
};

/** The body Entra (AAD STS) sends for a failed token request. */
export interface AadstsBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

export class AadstsError extends Error {
  override name = 'AadstsError';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    message: string,
  ) {
    super(`AADSTS${code}: ${message}`);
  }

  body(correlationId: string = randomUUID()): AadstsBody {
    const timestamp = new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    const traceId = randomUUID();
    return {
      error: this.error,
      error_description: `${this.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    };
  }
}

const FIC_HELP =
  'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation';

export const aadstsErrors = {
  tenantNotFound: (tenant: string) =>
    new AadstsError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  unsupportedGrant: (grant: string) =>
    new AadstsError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  missingParameter: (name: string) =>
    new AadstsError(
      400,
      'invalid_request',
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  invalidScope: (scope: string) =>
    new AadstsError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  unknownClient: (clientId: string, tenant: string) =>
    new AadstsError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  malformedAssertion: (detail: string) =>
    new AadstsError(400, 'invalid_client', 50027, `JWT token is invalid or malformed. ${detail}`),
  assertionOutOfTime: (detail: string) =>
    new AadstsError(400, 'invalid_client', 700024, `Client assertion is not within its valid time range. ${detail}`),
  noMatchingIssuer: (issuer: string) =>
    new AadstsError(
      400,
      'invalid_client',
      700211,
      `No matching federated identity record found for presented assertion issuer '${issuer}'. ${FIC_HELP}`,
    ),
  noMatchingAudience: (audience: string) =>
    new AadstsError(
      400,
      'invalid_client',
      700212,
      `No matching federated identity record found for presented assertion audience '${audience}'. ${FIC_HELP}`,
    ),
  noMatchingSubject: (subject: string) =>
    new AadstsError(
      400,
      'invalid_client',
      700213,
      `No matching federated identity record found for presented assertion subject '${subject}'. ${FIC_HELP}`,
    ),
};

/** GitHub REST's error body: `{message, documentation_url}`. */
export function githubError(message: string): { message: string; documentation_url: string } {
  return { message, documentation_url: 'https://docs.github.com/rest' };
}

/** Microsoft.Web/staticSites answers (static-site-host.ts); Azure documents no codes for these, so they follow ARM's. */
export const staticSiteErrors = {
  missingAppZipUrl: () =>
    new ArmError(400, 'BadRequest', "The parameter 'properties.appZipUrl' is required and must be an absolute URL."),
  packageDownloadFailed: (detail: string) =>
    new ArmError(400, 'BadRequest', `Failed to download the app content from appZipUrl: ${detail}`),
  invalidPackage: (detail: string) =>
    new ArmError(400, 'BadRequest', `The app content at appZipUrl is not a usable zip package: ${detail}`),
  cannotDeleteDefaultBuild: () =>
    new ArmError(400, 'BadRequest', "The 'default' (production) environment of a static site cannot be deleted."),
  deploymentInProgress: (environment: string) =>
    new ArmError(409, 'Conflict', `A deployment to the '${environment}' environment is already in progress.`),
};

/** Microsoft.Resources/deployments answers (deployment-host.ts), with ARM's codes. */
export const deploymentErrors = {
  notFound: (name: string) => new ArmError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`),
  locationRequired: () =>
    new ArmError(
      400,
      'LocationRequired',
      "The location property is required for this definition: a subscription-level deployment needs 'location'.",
    ),
  templateLinkUnsupported: () =>
    new ArmError(400, 'InvalidRequestContent', 'The emulator deploys inline templates only (properties.template).'),
  /** The template or its parameters do not evaluate: ARM's template validation failure, with the detail. */
  invalidTemplate: (detail: { code: string; message: string }) =>
    new ArmError(
      400,
      'InvalidTemplateDeployment',
      `The template deployment is not valid according to the validation procedure. See inner errors for details. ${detail.code}: ${detail.message}`,
    ),
  unresolvable: (resourceId: string, detail: string) =>
    new ArmError(
      400,
      'InvalidTemplate',
      `The resource '${resourceId}' cannot be deployed: it needs ${detail}, which nothing in this deployment or the subscription provides.`,
    ),
  resourceFailed: (operationCount: number) =>
    new ArmError(
      400,
      'DeploymentFailed',
      `At least one resource deployment operation failed (${operationCount} operation(s) ran). Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.`,
    ),
};

/**
 * Microsoft.DBforPostgreSQL/flexibleServers and Microsoft.Cache/redis answers (postgres-flexible-host.ts,
 * redis-host.ts). Azure documents the rules (restore window, Premium-only export) but not these codes and messages:
 * they are the emulator's wording, with ARM's usual codes.
 */
export const dataServiceErrors = {
  createModeNotModelled: (createMode: unknown) =>
    new ArmError(
      400,
      'BadRequest',
      `The emulator creates flexible servers only by point-in-time restore (createMode 'PointInTimeRestore'), got createMode '${String(createMode ?? '')}'.`,
    ),
  serverExists: (name: string) =>
    new ArmError(409, 'Conflict', `A flexible server named '${name}' already exists in this resource group.`),
  missingRestoreParameter: (name: string) =>
    new ArmError(400, 'BadRequest', `'properties.${name}' is required when createMode is 'PointInTimeRestore'.`),
  pointInTimeOutOfRange: (requested: string, earliest: string, latest: string) =>
    new ArmError(
      400,
      'BadRequest',
      `The point in time '${requested}' is outside the restore window of the source server: it must lie between ${earliest} and ${latest}.`,
    ),
  serverBusy: (name: string, state: string) =>
    new ArmError(409, 'Conflict', `The flexible server '${name}' is ${state}; try again when it is Ready or Stopped.`),
  exportNeedsPremium: (name: string, sku: string) =>
    new ArmError(
      400,
      'BadRequest',
      `Import/Export is only available for Premium tier caches: '${name}' is ${sku}. Scale the cache to Premium to export RDB files.`,
    ),
  invalidExportRequest: (detail: string) =>
    new ArmError(400, 'InvalidRequestContent', `The export request is not valid: ${detail}`),
  exportUploadFailed: (detail: string) =>
    new ArmError(400, 'BadRequest', `The RDB file could not be written to the storage container: ${detail}`),
};
