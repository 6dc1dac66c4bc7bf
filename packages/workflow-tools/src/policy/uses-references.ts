import { jobsOf } from './workflow-model.js';
import { pairOf, textOf, valueOf, type YamlFile } from './yaml-file.js';

/** Every `uses:` of a workflow, step actions and reusable-workflow calls, with the node to report at. */
export function usesReferences(file: YamlFile): Array<{ uses: string; node: unknown; jobId: string }> {
  return jobsOf(file).flatMap((job) => {
    const callee = textOf(pairOf(job.map, 'uses')?.value);
    const calls = callee ? [{ uses: callee, node: pairOf(job.map, 'uses')?.value, jobId: job.id }] : [];
    const steps = job.steps.flatMap((step) =>
      step.uses ? [{ uses: step.uses, node: valueOf(step.map, 'uses'), jobId: job.id }] : [],
    );
    return [...calls, ...steps];
  });
}
