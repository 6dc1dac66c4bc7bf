// Rehearses one of this repository's workflows, or the whole release story, against a freshly started emulator and
// prints its timeline.
// node --import ./packages/workflow-tools/src/hooks/register.ts packages/workflow-tools/src/rehearse.ts --help
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type World } from '@augeo/emulator';
import { describeError } from '@augeo/shared/errors';
import { rehearseReleaseStory } from './rehearsal/release-story.js';
import { rehearseWorkflow } from './rehearsal/run-workflow.js';
import { createStoryDatabases, dropStoryDatabases } from './rehearsal/story-databases.js';
import { storyReport } from './rehearsal/story-report.js';
import { formatEntry, Timeline } from './rehearsal/timeline.js';
import { environmentsFromWorld } from './rehearsal/world-environments.js';

const USAGE = `Usage: rehearse <workflow.yml> [options]
       rehearse --story --database-url URL [--verbose]
  --story             the release story: provision and ship staging, promote to production, a bad release swapped
                      back, a manual rollback (needs PostgreSQL: --database-url, e.g. from scripts/postgres.sh start)
  --database-url URL  a PostgreSQL server the story creates staging's and production's databases on
  --event NAME        push (default), workflow_dispatch, or workflow_call to run a reusable workflow directly
  --input NAME=VALUE  a workflow input (repeatable)
  --var NAME=VALUE    a repository variable (repeatable); environments' variables come from the world
  --approve ENV       approve the jobs of this protected environment (repeatable)
  --protect ENV       environments whose jobs need an approval (repeatable; default: production)
  --ref REF           the run's ref (default: refs/heads/main)
  --world FILE        the emulator's world (default: packages/emulator/worlds/default.json)
  --verbose           print every line the steps print`;

const repoRoot = resolve(import.meta.dirname, '../../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    event: { type: 'string', default: 'push' },
    input: { type: 'string', multiple: true, default: [] },
    var: { type: 'string', multiple: true, default: [] },
    approve: { type: 'string', multiple: true, default: [] },
    protect: { type: 'string', multiple: true, default: ['production'] },
    ref: { type: 'string', default: 'refs/heads/main' },
    world: { type: 'string', default: resolve(repoRoot, 'packages/emulator/worlds/default.json') },
    verbose: { type: 'boolean', default: false },
    story: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const pairs = (items: string[]) =>
  Object.fromEntries(items.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));

async function main(): Promise<number> {
  if (values.story) return story();
  const workflow = positionals[0];
  if (values.help || workflow === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const world = JSON.parse(readFileSync(values.world, 'utf8')) as World;
  const emulator = await startEmulator({ world: values.world });
  try {
    const timeline = new Timeline((entry) => console.log(formatEntry(entry)));
    const event = values.event === 'workflow_call' ? 'push' : values.event;
    const run = await rehearseWorkflow(
      {
        repoRoot,
        repository: world.github.repository,
        event: { name: event, ref: values.ref, sha: '0'.repeat(40), actor: 'rehearsal', payload: {} },
        runnerEnv: emulator.env,
        vars: pairs(values.var),
        environments: environmentsFromWorld(world, world.github.repository, values.protect),
        approve: values.approve,
        timeline,
        log: (line) => (values.verbose ? console.log(`    | ${line}`) : undefined),
      },
      workflow,
      pairs(values.input),
      values.event === 'workflow_call' ? 'workflow_call' : undefined,
    );
    console.log(`\n${run.workflow}: ${run.result}`);
    return run.result === 'success' ? 0 : 1;
  } finally {
    await emulator.stop();
  }
}

async function story(): Promise<number> {
  const adminUrl = values['database-url'];
  if (!adminUrl) {
    console.error('rehearse: --story needs --database-url (scripts/postgres.sh start prints DATABASE_URL).');
    return 2;
  }
  const world = JSON.parse(readFileSync(values.world, 'utf8')) as World;
  const emulator = await startEmulator({ world: values.world });
  try {
    const timeline = new Timeline((entry) => console.log(formatEntry(entry)));
    const result = await rehearseReleaseStory({
      repoRoot,
      emulator,
      world,
      databaseUrls: await createStoryDatabases(adminUrl),
      timeline,
      log: (line) => (values.verbose ? console.log(`    | ${line}`) : undefined),
    });
    console.log(`\n${storyReport(result)}`);
    const broken = result.acts.filter((act) => act.run.result !== act.expected);
    console.log(broken.length === 0 ? '\nThe story held.' : `\nThe story broke at: ${broken[0]!.title}`);
    return broken.length === 0 ? 0 : 1;
  } finally {
    await emulator.stop();
    await dropStoryDatabases(adminUrl);
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`rehearse: ${describeError(error)}`);
  process.exitCode = 1;
}
