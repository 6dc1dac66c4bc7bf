import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { visit, type Node } from 'yaml';
import { readActionMetadata } from '../../action-metadata.js';
import { finding, type Rule, type RuleContext } from '../rule.js';
import { toolkitActionOf } from '../toolkit-refs.js';
import { jobsOf, needsOf, rootOf, type JobNode } from '../workflow-model.js';
import { asMap, entriesOf, lineOf, loadYamlFile, pairOf, textOf, valueOf } from '../yaml-file.js';

const REFERENCE = /\b(needs|steps|jobs)\.([\w-]+)\.outputs\.([\w-]+)/g;

interface Reference {
  kind: string;
  owner: string;
  output: string;
  offset: number;
}

function referencesIn(node: unknown): Reference[] {
  const found: Reference[] = [];
  visit(node as Node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value !== 'string' || !scalar.range) return;
      const start = scalar.range[0];
      for (const match of scalar.value.matchAll(REFERENCE)) {
        found.push({ kind: match[1]!, owner: match[2]!, output: match[3]!, offset: start });
      }
    },
  });
  return found;
}

/** Outputs a job declares; for a call to a local reusable workflow, the outputs of its `workflow_call`. */
function declaredOutputs(context: RuleContext, job: JobNode): Set<string> | undefined {
  const callee = textOf(valueOf(job.map, 'uses'));
  if (callee !== undefined) {
    if (!callee.startsWith('./')) return undefined;
    const path = join(context.repoRoot, callee);
    if (!existsSync(path)) return new Set();
    const calleeRoot = rootOf(loadYamlFile(path, context.repoRoot));
    const call = asMap(valueOf(asMap(valueOf(calleeRoot, 'on')), 'workflow_call'));
    return new Set(entriesOf(asMap(valueOf(call, 'outputs'))).map(({ key }) => key));
  }
  return new Set(entriesOf(asMap(valueOf(job.map, 'outputs'))).map(({ key }) => key));
}

/** Outputs a step can set: those its action.yml declares, or any (undefined) for scripts and other repositories' actions. */
function stepOutputs(context: RuleContext, uses: string | undefined): Set<string> | undefined {
  const name = uses === undefined ? undefined : toolkitActionOf(uses);
  return name === undefined ? undefined : readActionMetadata(context.repoRoot, name)?.outputs;
}

/** Every `needs.*.outputs.*`, `steps.*.outputs.*` and `jobs.*.outputs.*` names something that exists. */
export const outputReferences: Rule = {
  id: 'output-references',
  policy: 'W12 outputs',
  appliesTo: 'workflow',
  check(context) {
    const jobs = jobsOf(context.file);
    const byId = new Map(jobs.map((job) => [job.id, job]));
    const report = (reference: Reference, message: string) =>
      finding(context, this, lineOf(context.file, reference.offset), message);
    const checkJobOutput = (reference: Reference, where: string) => {
      const target = byId.get(reference.owner);
      if (!target) return [report(reference, `${where} refers to job '${reference.owner}', which does not exist.`)];
      const outputs = declaredOutputs(context, target);
      return outputs === undefined || outputs.has(reference.output)
        ? []
        : [
            report(
              reference,
              `${where} refers to output '${reference.output}' of job '${reference.owner}', which declares: ${[...outputs].join(', ') || 'none'}.`,
            ),
          ];
    };

    const inJobs = jobs.flatMap((job) =>
      referencesIn(job.map).flatMap((reference) => {
        if (reference.kind === 'needs') {
          if (!needsOf(job).includes(reference.owner)) {
            return [
              report(
                reference,
                `Job '${job.id}' reads needs.${reference.owner} but does not need '${reference.owner}'.`,
              ),
            ];
          }
          return checkJobOutput(reference, `Job '${job.id}'`);
        }
        if (reference.kind === 'steps') {
          const step = job.steps.find((candidate) => candidate.id === reference.owner);
          if (!step)
            return [report(reference, `Job '${job.id}' reads steps.${reference.owner}, but no step has that id.`)];
          const outputs = stepOutputs(context, step.uses);
          return outputs === undefined || outputs.has(reference.output)
            ? []
            : [
                report(
                  reference,
                  `Step '${reference.owner}' (${step.uses}) declares no output '${reference.output}' (it has: ${[...outputs].join(', ')}).`,
                ),
              ];
        }
        return [];
      }),
    );
    const call = asMap(valueOf(asMap(valueOf(rootOf(context.file), 'on')), 'workflow_call'));
    const callOutputs = pairOf(call, 'outputs')?.value;
    const inCallOutputs = (callOutputs ? referencesIn(callOutputs) : [])
      .filter((reference) => reference.kind === 'jobs')
      .flatMap((reference) => checkJobOutput(reference, 'on.workflow_call.outputs'));
    return [...inJobs, ...inCallOutputs];
  },
};
