import { runAction } from '@augeo/action-runtime/run-action';
import { migrateInputs, toMigrationGateConfig } from '@augeo/shared/migrations/migrate-inputs';
import { runMigrationGate } from '@augeo/shared/migrations/migration-gate';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    const config = toMigrationGateConfig(migrateInputs.read(io.inputs), io.env.GITHUB_WORKSPACE ?? process.cwd());
    await runMigrationGate(config, { log: io.log, outputs: io.outputs, summary: io.summary, env: io.env });
  });
}
