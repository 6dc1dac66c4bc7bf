import type { StoryResult } from './release-story.js';
import type { WorkflowResult } from './run-workflow.js';

/** How many lines of each job summary the report keeps: its headline and verdict, not the tables. */
const SUMMARY_LINES = 3;

/** The story's ending as a person reads it: per act, each job's result and the first lines of its job summary. */
export function storyReport(story: StoryResult): string {
  return story.acts
    .map((act) => {
      const verdict = act.run.result === act.expected ? act.run.result : `${act.run.result}, expected ${act.expected}`;
      return [`${act.title}: ${act.workflow} ${verdict}`, ...jobLines(act.run, '  ')].join('\n');
    })
    .join('\n\n');
}

function jobLines(run: WorkflowResult, indent: string): string[] {
  return Object.entries(run.jobs).flatMap(([id, job]) => [
    `${indent}${id}: ${job.result}`,
    ...(job.called ? jobLines(job.called, `${indent}  `) : []),
    ...job.summaries.flatMap((summary) => keyLines(summary).map((line) => `${indent}  │ ${line}`)),
  ]);
}

function keyLines(summary: string): string[] {
  return summary
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('|') && !line.startsWith('```') && !line.startsWith('<'))
    .slice(0, SUMMARY_LINES);
}
