import type { GateResult } from './health-gate.js';
import type { SlotServing } from './slot-serving.js';
import type { PhaseRecord } from './timeline.js';

export type DeployResult = 'deployed' | 'staged' | 'rolled-back' | 'failed-before-swap' | 'failed';

/** Everything a deploy, swap or rollback found and did: the source of outputs, summary and deployment status. */
export interface RunReport {
  action: 'deploy-backend' | 'swap-slots' | 'rollback';
  /** What the run set out to do, e.g. `deploy augeo/api:1.2.0 to augeo-staging-api`. */
  title: string;
  result: DeployResult | string;
  /** Production before the run changed anything: the rollback target. */
  before?: SlotServing;
  /** Production at the end, read back from ARM and the app. */
  production?: SlotServing;
  /** The staging slot's own address. */
  slotUrl?: string;
  gates: GateResult[];
  timeline: PhaseRecord[];
  rolledBack: boolean;
  /** Why it rolled back or failed, one line per reason. */
  reasons: string[];
  /** Loud notes: half-done states, swaps still running. */
  warnings: string[];
  /** Set when the run failed: the error the step fails with. */
  failure?: Error;
}
