import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { ErrorPolicy } from '@actions/workflow-parser/model/convert';
import type { WorkflowJob, WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { invalidWorkflow } from '../errors.js';
import { child } from './template-values.js';

/** A workflow as @actions/workflow-parser reads it: the converted model, plus the raw tree for what conversion drops. */
export interface LoadedWorkflow {
  /** Path relative to the repository root, e.g. `.github/workflows/deploy.yml`. */
  path: string;
  template: WorkflowTemplate;
  /** The parsed document: `with:` of steps, `permissions:` and workflow_call's typed inputs and outputs live here. */
  root: TemplateToken;
}

export async function loadWorkflow(absolutePath: string, repoRoot: string): Promise<LoadedWorkflow> {
  const path = relative(repoRoot, absolutePath);
  const parsed = parseWorkflow(
    { name: path, content: readFileSync(absolutePath, 'utf8') },
    new NoOperationTraceWriter(),
  );
  const parseErrors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parseErrors.length > 0 || parsed.value === undefined) throw invalidWorkflow(path, parseErrors);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
    errorPolicy: ErrorPolicy.TryConversion,
  });
  const conversionErrors = (template.errors ?? []).map((error) => error.Message);
  if (conversionErrors.length > 0) throw invalidWorkflow(path, conversionErrors);
  return { path, template, root: parsed.value };
}

/** The raw mapping of one job. */
export function rawJob(workflow: LoadedWorkflow, job: WorkflowJob): TemplateToken | undefined {
  return child(child(workflow.root, 'jobs'), job.id.value);
}

/** The `on.workflow_call` mapping (inputs, outputs), when the workflow can be called. */
export function workflowCall(workflow: LoadedWorkflow): TemplateToken | undefined {
  return child(child(workflow.root, 'on'), 'workflow_call');
}
