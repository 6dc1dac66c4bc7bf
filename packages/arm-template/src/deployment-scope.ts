import type { TemplateValue } from './template-value.js';

/** Where a template is being deployed: what subscription(), resourceGroup() and deployment() answer. */
export interface DeploymentContext {
  subscriptionId: string;
  tenantId: string;
  deploymentName: string;
  /** deployment().location: the location a subscription-scope deployment is made in. */
  location: string;
  /** Set for templates deployed to a resource group. */
  resourceGroup?: { name: string; location: TemplateValue };
}

/** What an expression can see while it is evaluated: the template's parameters, variables and loops. */
export interface EvaluationScope {
  readonly deployment: DeploymentContext;
  /** Where in the template the expression sits, for error messages. */
  readonly where: string;
  parameter(name: string): TemplateValue;
  variable(name: string): TemplateValue;
  copyIndex(loopName: string | undefined): TemplateValue;
  /**
   * reference(): a nested deployment's outputs when the template deploys it; otherwise what the deployment's
   * ResourceState knows (its properties, or with `full` the whole resource), else known only at deployment.
   */
  reference(resourceId: string, full: boolean): TemplateValue;
}

/**
 * What already exists where a template is deployed. Offline there is nothing; the emulator answers from its state,
 * so the same evaluator that checks policies can deploy.
 */
export interface ResourceState {
  /** The resource as reference(id, apiVersion, 'full') sees it (`properties`, `identity`, ...), or undefined. */
  resource(resourceId: string): TemplateValue | undefined;
}
