import type { ActionIO, Logger } from '../io/action-io.js';
import { runMigrationGate, type MigrationGateConfig, type MigrationGateResult } from '../migrations/migration-gate.js';
import type { DeployHooks, StageContext } from './deploy-backend.js';

/** deploy-backend's migration step, as hooks of the deploy, and the gate's summary sections to show after the deploy's. */
export interface MigrationHooks {
  hooks: DeployHooks;
  summaries: string[];
}

const list = (ids: readonly string[]) => ids.join(', ') || 'none';

/**
 * Phase expand before the slot is staged (the gate plans, lints exactly the pending SQL, then applies under its
 * advisory lock and throws when blocked or failed, so no slot changes); phase contract once production is verified
 * on the new release, only when `contract` asks for it. The gate's outputs become deploy-backend's `migration-*`.
 */
export function migrationHooks(
  migrations: { config: MigrationGateConfig; contract: boolean },
  io: Pick<ActionIO, 'outputs' | 'env'>,
): MigrationHooks {
  const summaries: string[] = [];
  let heldBack: string[] = [];
  const gate = (phase: MigrationGateConfig['phase'], log: Logger) =>
    runMigrationGate(
      { ...migrations.config, mode: 'apply', phase },
      {
        log,
        outputs: { set: (name, value) => io.outputs.set(`migration-${name}`, value) },
        summary: { append: (markdown) => void summaries.push(markdown), write: async () => {} },
        env: io.env,
      },
    );
  const run = async (context: StageContext, phase: MigrationGateConfig['phase']) =>
    context.phase(`migrations: ${phase}`, async (note) => {
      const result = await gate(phase, context.log);
      note(describe(result));
      return result;
    });
  return {
    summaries,
    hooks: {
      beforeStage: async (context) => {
        heldBack = (await run(context, 'expand')).heldBack;
      },
      afterProductionVerified: async (context) => {
        if (migrations.contract) await run(context, 'contract');
        else if (heldBack.length > 0)
          context.skip('migrations: contract', `contract: false; still pending: ${list(heldBack)}`);
      },
    },
  };
}

function describe(result: MigrationGateResult): string {
  const at = `database at ${list(result.current ?? [])}`;
  const held = result.heldBack.length > 0 ? `; held back for contract: ${list(result.heldBack)}` : '';
  if (result.pending.length === 0) return `nothing pending; ${at}`;
  if (result.applied.length === 0) return `nothing to apply before the swap; ${at}${held}`;
  return `applied ${list(result.applied)}; ${at}${held}`;
}
