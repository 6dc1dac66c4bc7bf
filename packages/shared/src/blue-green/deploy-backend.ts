import {
  AugeoError,
  describeError,
  productionLeftUnhealthy,
  releaseRolledBack,
  slotNeverHealthy,
  slotNotFound,
  swapDidNotHappen,
  swapStillRunning,
} from '../errors.js';
import type { Clock } from '../health/clock.js';
import type { Logger } from '../io/action-io.js';
import { swapAndConfirm, type SwapOutcome } from './confirmed-swap.js';
import { acquireDeployLock, type LockTiming } from './deploy-lock.js';
import { verifyProduction, verifySlot, type GatePlan, type GateResult } from './health-gate.js';
import { linuxFxVersionOf, type ImageReference } from './image-reference.js';
import type { RunReport } from './run-report.js';
import type { RunIdentity } from './run-identity.js';
import { PRODUCTION_SLOT, type SlotOperations } from './slot-operations.js';
import { describeServing, readServing, type SlotServing } from './slot-serving.js';
import { Timeline } from './timeline.js';

export interface DeployConfig {
  image: ImageReference;
  slot: string;
  appSettings: Record<string, string>;
  stickySettings: string[];
  autoRollback: boolean;
  swap: boolean;
  gate: GatePlan;
  swapTimeoutMs: number;
  lock: LockTiming;
}

/** What a hook (the migration gate) sees when it runs. */
export interface StageContext {
  ops: SlotOperations;
  image: ImageReference;
  /** Production before this run: the release the database must stay compatible with until the swap. */
  production: SlotServing;
  log: Logger;
  /** Records the hook's own phases in the run's timeline. */
  phase: Timeline['run'];
  skip: Timeline['skip'];
}

export interface DeployHooks {
  /**
   * Runs under the deploy lock, after production was recorded and before the slot is touched. A throw ends the
   * run as failed-before-swap with no slot written.
   */
  beforeStage?: (context: StageContext) => Promise<void>;
  /**
   * Runs under the lock once production is verified on the new release; never after a swap back or with swap:
   * false. A throw fails the run but leaves the result `deployed`: the release is live and verified.
   */
  afterProductionVerified?: (context: StageContext) => Promise<void>;
}

export interface DeployDeps {
  log: Logger;
  run: RunIdentity;
  hooks?: DeployHooks;
  clock?: Clock;
}

const WARM_UP_PATH = 'WEBSITE_SWAP_WARMUP_PING_PATH';
const WARM_UP_STATUSES = 'WEBSITE_SWAP_WARMUP_PING_STATUSES';

/**
 * Blue-green deploy as an explicit phase sequence: preflight → lock → record production → (beforeStage hook:
 * migrations, expand) → stage → verify slot → swap → verify production → (afterProductionVerified hook: migrations,
 * contract) or (swap back → verify production). It returns a report in every case past the preflight: the caller
 * writes outputs and summary from it, then fails the step with `report.failure`. Whatever happens, the report's `production` is read back at the end, never assumed.
 */
export async function deployBackend(ops: SlotOperations, config: DeployConfig, deps: DeployDeps): Promise<RunReport> {
  const { log, run } = deps;
  const timeline = new Timeline();
  const probe = { healthPath: config.gate.healthPath, timeoutMs: config.gate.timeoutMs };
  const expected = config.gate.expectedVersion ?? config.image.tag;
  const report: RunReport = {
    action: 'deploy-backend',
    title: `deploy ${config.image.reference} to ${ops.appName} through slot ${config.slot}`,
    result: 'failed',
    gates: [],
    timeline: timeline.phases,
    rolledBack: false,
    reasons: [],
    warnings: [],
  };

  await timeline.run('preflight', async (note) => {
    const slot = await ops.readSlot(config.slot).catch((error: unknown) => {
      throw (error as AugeoError).code === 'ResourceNotFound' ? slotNotFound('slot', config.slot, ops.appName) : error;
    });
    report.slotUrl = slot.url;
    report.before = await readServing(ops, PRODUCTION_SLOT, probe);
    note(`production serves ${describeServing(report.before)}`);
  });

  const lock = await timeline.run('lock', () =>
    acquireDeployLock(ops, run, `deploy-backend ${config.image.reference}`, config.lock, log),
  );
  try {
    await deployUnderLock(ops, config, deps, report, timeline, expected, probe, lock.confirm);
  } catch (error) {
    report.failure = error instanceof Error ? error : new Error(String(error));
    if (!['rolled-back', 'failed-before-swap', 'deployed'].includes(report.result)) report.result = 'failed';
  } finally {
    await lock
      .release()
      .catch((error: unknown) => log.warning(`Could not release the deploy lock: ${describeError(error)}`));
    report.production = await readServing(ops, PRODUCTION_SLOT, probe).catch(() => report.production);
  }
  return report;
}

async function deployUnderLock(
  ops: SlotOperations,
  config: DeployConfig,
  deps: DeployDeps,
  report: RunReport,
  timeline: Timeline,
  expected: string,
  probe: { healthPath: string; timeoutMs: number },
  confirmLock: () => Promise<void>,
): Promise<void> {
  const { log, run } = deps;
  const before = await timeline.run('record production', async (note) => {
    // Read again under the lock: a run we waited for may have changed production.
    const serving = await readServing(ops, PRODUCTION_SLOT, probe);
    note(`rollback target: ${describeServing(serving)}`);
    return serving;
  });
  report.before = before;
  const context: StageContext = {
    ops,
    image: config.image,
    production: before,
    log,
    phase: (name, body) => timeline.run(name, body),
    skip: (name, note) => timeline.skip(name, note),
  };

  if (before.image === config.image.reference && before.version === expected) {
    // A re-run after the swap already happened: verify instead of deploying again.
    timeline.skip('stage, verify slot, swap', `production already serves ${config.image.reference}`);
    const gate = await timeline.judge(
      'verify production',
      () => verifyProduction('production', before.url, config.gate, expected, log, deps.clock),
      gateVerdict,
    );
    report.gates.push(gate);
    if (!gate.report.healthy)
      throw productionLeftUnhealthy(
        `${config.image.reference} is live and fails its gate`,
        describeServing(before),
        reasonsOf(gate),
      );
    report.result = 'deployed';
    await afterProductionVerified(deps.hooks, context, report);
    return;
  }

  if (deps.hooks?.beforeStage) {
    try {
      await deps.hooks.beforeStage(context);
    } catch (error) {
      report.result = 'failed-before-swap';
      report.reasons.push(describeError(error).split('\n')[0] ?? '');
      throw error;
    }
  }

  await timeline.run(`stage ${config.slot}`, async (note) => {
    const current = await ops.readAppSettings(config.slot);
    const wanted: Record<string, string> = {
      ...current,
      ...config.appSettings,
      [WARM_UP_PATH]: config.gate.healthPath,
      [WARM_UP_STATUSES]: '200',
    };
    const changed = Object.keys(wanted).filter((name) => current[name] !== wanted[name]);
    if (changed.length > 0) await ops.writeAppSettings(config.slot, wanted);
    if (config.stickySettings.length > 0) {
      const sticky = await ops.readStickySettingNames();
      const missing = config.stickySettings.filter((name) => !sticky.includes(name));
      if (missing.length > 0) await ops.writeStickySettingNames([...sticky, ...missing]);
    }
    const slotBefore = await ops.readSlot(config.slot);
    await ops.writeContainerConfig(config.slot, {
      linuxFxVersion: linuxFxVersionOf(config.image),
      healthCheckPath: config.gate.healthPath,
    });
    // App Service restarts the app itself when its image or settings change; a restart on top would cost a
    // second cold start. Only an unchanged slot is restarted, so a re-deploy still gets a fresh process.
    // Either way the slot gate waits until the app reports the new version.
    if (changed.length === 0 && slotBefore.linuxFxVersion === linuxFxVersionOf(config.image))
      await ops.restart(config.slot);
    note(`${config.image.reference}; ${changed.length} app setting(s) changed: ${changed.join(', ') || 'none'}`);
  });

  const slotView = await ops.readSlot(config.slot);
  const slotGate = await timeline.judge(
    `verify slot ${config.slot}`,
    () => verifySlot(`slot ${config.slot}`, slotView.url, config.gate, expected, log, deps.clock),
    gateVerdict,
  );
  report.gates.push(slotGate);
  if (!slotGate.report.healthy) {
    report.result = 'failed-before-swap';
    report.reasons.push(...reasonsOf(slotGate));
    throw slotNeverHealthy(config.slot, config.image.reference, reasonsOf(slotGate), describeServing(before));
  }
  if (!config.swap) {
    timeline.skip('swap', 'swap: false (stage only)');
    report.result = 'staged';
    return;
  }

  await confirmLock();
  const swapped = await timeline.judge(
    `swap ${config.slot} → production`,
    () =>
      swapAndConfirm(
        ops,
        { source: config.slot, target: PRODUCTION_SLOT, preserveVnet: true, timeoutMs: config.swapTimeoutMs },
        run,
        log,
      ),
    swapVerdict,
  );
  if (swapped.state === 'not-swapped') {
    throw swapDidNotHappen(
      config.slot,
      PRODUCTION_SLOT,
      swapped.error,
      describeServing(await readServing(ops, PRODUCTION_SLOT, probe)),
    );
  }
  if (swapped.state === 'in-progress') {
    const production = await readServing(ops, PRODUCTION_SLOT, probe);
    report.warnings.push(
      `The swap is still running in Azure; production may switch from ${describeServing(production)}.`,
    );
    throw swapStillRunning(config.slot, PRODUCTION_SLOT, config.swapTimeoutMs, describeServing(production));
  }

  const productionGate = await timeline.judge(
    'verify production',
    () => verifyProduction('production after swap', swapped.target.url, config.gate, expected, log, deps.clock),
    gateVerdict,
  );
  report.gates.push(productionGate);
  if (productionGate.report.healthy) {
    report.result = 'deployed';
    await afterProductionVerified(deps.hooks, context, report);
    return;
  }
  report.reasons.push(...reasonsOf(productionGate));
  if (!config.autoRollback) {
    throw productionLeftUnhealthy(
      `${config.image.reference} fails its gate in production and auto-rollback is off`,
      describeServing(await readServing(ops, PRODUCTION_SLOT, probe)),
      reasonsOf(productionGate),
    );
  }
  await swapBack(ops, config, deps, report, timeline, before, probe, confirmLock);
}

async function afterProductionVerified(
  hooks: DeployHooks | undefined,
  context: StageContext,
  report: RunReport,
): Promise<void> {
  if (!hooks?.afterProductionVerified) return;
  try {
    await hooks.afterProductionVerified(context);
  } catch (error) {
    report.warnings.push(
      `${context.image.reference} is live and verified, but what was to follow it failed: ${describeError(error).split('\n')[0]}`,
    );
    throw error;
  }
}

/** Swap the slots again (the slot holds the previous release, still warm), then prove production is back. */
async function swapBack(
  ops: SlotOperations,
  config: DeployConfig,
  deps: DeployDeps,
  report: RunReport,
  timeline: Timeline,
  before: SlotServing,
  probe: { healthPath: string; timeoutMs: number },
  confirmLock: () => Promise<void>,
): Promise<void> {
  const { log, run } = deps;
  await confirmLock();
  // A fresh run identity for the swap-back's intent: it is a different swap from the one this run recorded.
  const back = await timeline.judge(
    `swap back ${config.slot} → production`,
    () =>
      swapAndConfirm(
        ops,
        { source: config.slot, target: PRODUCTION_SLOT, preserveVnet: true, timeoutMs: config.swapTimeoutMs },
        { ...run, runId: `${run.runId}-back` },
        log,
      ),
    swapVerdict,
  );
  if (back.state !== 'swapped') {
    throw productionLeftUnhealthy(
      `${config.image.reference} failed its gate in production and the swap back did not complete (${back.state}: ${describeError(back.error).split('\n')[0]})`,
      describeServing(await readServing(ops, PRODUCTION_SLOT, probe)),
      report.reasons,
    );
  }
  const gate = await timeline.judge(
    'verify production after swap back',
    () => verifyProduction('production after swap back', back.target.url, config.gate, before.version, log, deps.clock),
    gateVerdict,
  );
  report.gates.push(gate);
  report.rolledBack = true;
  const production = await readServing(ops, PRODUCTION_SLOT, probe);
  if (!gate.report.healthy) {
    throw productionLeftUnhealthy(
      `swapped back to ${describeServing(before)}, but it fails its gate too`,
      describeServing(production),
      reasonsOf(gate),
    );
  }
  report.result = 'rolled-back';
  throw releaseRolledBack(config.image.reference, report.reasons, describeServing(production));
}

export function reasonsOf(gate: GateResult): string[] {
  const wait = gate.report.wait;
  if (wait && !wait.ready) return [`${gate.name}: not healthy within the deadline; last seen: ${wait.lastSeen}`];
  return gate.report.urls.flatMap((url) => url.reasons.map((reason) => `${gate.name}: ${reason}`));
}

export function gateVerdict(gate: GateResult): { ok: boolean; note: string } {
  const url = gate.report.urls[0];
  const note = url
    ? `${url.samples} samples, error rate ${Number(url.errorRatePercent.toFixed(2))}%` +
      (gate.stoppedEarly ? ', stopped at the first failure' : '')
    : 'never became ready';
  return { ok: gate.report.healthy, note };
}

export function swapVerdict(outcome: SwapOutcome): { ok: boolean; note: string } {
  return { ok: outcome.state === 'swapped' || outcome.state === 'already-swapped', note: outcome.state };
}
