import type { AugeoError } from '../errors.js';
import {
  productionLeftUnhealthy,
  rollbackTargetUnverified,
  slotNotFound,
  swapDidNotHappen,
  swapStillRunning,
} from '../errors.js';
import { tolerantRecorder } from '../github/deployments.js';
import type { ActionIO } from '../io/action-io.js';
import { openSlotOperations, type ActionAdapters } from './action-session.js';
import { gatePlanOf } from './blue-green-inputs.js';
import { swapAndConfirm } from './confirmed-swap.js';
import { deployBackend, gateVerdict, reasonsOf, swapVerdict } from './deploy-backend.js';
import { acquireDeployLock } from './deploy-lock.js';
import { verifyProduction, verifySlot } from './health-gate.js';
import { parseImage } from './image-reference.js';
import { lockTimingFrom } from './lock-timing.js';
import { readRollbackInputs } from './rollback-inputs.js';
import { previousReleaseProblem } from './rollback-target.js';
import type { RunReport } from './run-report.js';
import { runIdentity } from './run-identity.js';
import { renderRunSummary } from './run-summary.js';
import { PRODUCTION_SLOT } from './slot-operations.js';
import { describeServing, readServing } from './slot-serving.js';
import { Timeline } from './timeline.js';

/**
 * rollback's core. `to: previous` swaps back only after proving the slot holds the previous release: it must run
 * another image than production, report the version of that image (or expected-version), and pass the slot gate.
 * `to: <image>` is a full verified deploy of a known-good image. Production is verified afterwards either way.
 */
export async function runRollback(io: ActionIO, adapters: ActionAdapters): Promise<void> {
  const values = readRollbackInputs(io.inputs);
  if (values.githubToken) io.log.mask(values.githubToken);
  const ops = openSlotOperations(io, adapters, values);
  const gate = gatePlanOf(values);
  const probe = { healthPath: gate.healthPath, timeoutMs: gate.timeoutMs };
  const run = runIdentity(io.env);
  const lockTiming = { ...lockTimingFrom(io.env), waitMs: values.lockWait };
  const recorder = tolerantRecorder(values.githubToken ? adapters.deployments(values.githubToken) : undefined, io.log);
  const why = values.reason ? ` (${values.reason})` : '';
  const deployment = await recorder.create({
    environment: values.environment,
    ref: io.env.GITHUB_SHA || io.env.GITHUB_REF || 'HEAD',
    description: `rollback of ${values.appName}${why}`,
    payload: {
      app: values.appName,
      to: values.to.kind === 'image' ? values.to.image.reference : 'previous',
      run: run.label,
    },
  });
  await deployment.setStatus('in_progress', { description: `Rolling back${why}` });

  let report: RunReport;
  if (values.to.kind === 'image') {
    const image = values.to.image;
    report = await deployBackend(
      ops,
      {
        image,
        slot: values.slot,
        appSettings: {},
        stickySettings: [],
        autoRollback: true,
        swap: true,
        gate,
        swapTimeoutMs: values.swapTimeout,
        lock: lockTiming,
      },
      { log: io.log, run },
    );
    report = { ...report, action: 'rollback', title: `roll ${values.appName} back to ${image.reference}${why}` };
    report.result = report.result === 'deployed' ? 'rolled-back' : 'failed';
  } else {
    report = await rollBackToPrevious(io, ops, values, gate, probe, run, lockTiming);
  }
  if (values.reason) report.reasons.unshift(`Reason given: ${values.reason}`);

  io.outputs.set('result', report.result);
  io.outputs.set('production-image', report.production?.image ?? '');
  io.outputs.set('production-version', report.production?.version ?? '');
  io.summary.append(renderRunSummary(report));
  const served = report.production ? describeServing(report.production) : 'unknown';
  await deployment.setStatus(report.result === 'rolled-back' ? 'success' : 'failure', {
    description: `${report.result}${why}: production serves ${served}`,
    ...(report.production?.url ? { environmentUrl: report.production.url } : {}),
  });
  if (report.failure) throw report.failure;
}

async function rollBackToPrevious(
  io: ActionIO,
  ops: ReturnType<typeof openSlotOperations>,
  values: ReturnType<typeof readRollbackInputs>,
  gate: ReturnType<typeof gatePlanOf>,
  probe: { healthPath: string; timeoutMs: number },
  run: ReturnType<typeof runIdentity>,
  lockTiming: Parameters<typeof acquireDeployLock>[3],
): Promise<RunReport> {
  const timeline = new Timeline();
  const report: RunReport = {
    action: 'rollback',
    title: `roll ${values.appName} back to the previous release in slot ${values.slot}`,
    result: 'failed',
    gates: [],
    timeline: timeline.phases,
    rolledBack: false,
    reasons: [],
    warnings: [],
  };
  // Read-only first: an unknown slot is an input error, found before the lock is written.
  await timeline.run('preflight', () =>
    ops.readSlot(values.slot).catch((error: unknown) => {
      throw (error as AugeoError).code === 'ResourceNotFound'
        ? slotNotFound('slot', values.slot, values.appName)
        : error;
    }),
  );
  const lock = await timeline.run('lock', () =>
    acquireDeployLock(ops, run, `rollback of ${values.appName}`, lockTiming, io.log),
  );
  try {
    const [production, slot] = await timeline.run('read both slots', async (note) => {
      const slotServing = await readServing(ops, values.slot, probe).catch((error: unknown) => {
        throw (error as AugeoError).code === 'ResourceNotFound'
          ? slotNotFound('slot', values.slot, values.appName)
          : error;
      });
      const both = [await readServing(ops, PRODUCTION_SLOT, probe), slotServing] as const;
      note(`production: ${describeServing(both[0])}; ${values.slot}: ${describeServing(both[1])}`);
      return both;
    });
    report.before = production;
    const expected = gate.expectedVersion ?? (slot.image ? parseImage(slot.image)?.tag : undefined);
    const problem = previousReleaseProblem(production, slot, expected);
    if (problem) throw rollbackTargetUnverified(values.slot, problem);
    const slotGate = await timeline.judge(
      `verify ${values.slot}`,
      () => verifySlot(`slot ${values.slot}`, slot.url, gate, expected, io.log),
      gateVerdict,
    );
    report.gates.push(slotGate);
    if (!slotGate.report.healthy)
      throw rollbackTargetUnverified(values.slot, `it fails its health gate: ${reasonsOf(slotGate).join('; ')}`);

    await lock.confirm();
    const swapped = await timeline.judge(
      `swap ${values.slot} → production`,
      () =>
        swapAndConfirm(
          ops,
          { source: values.slot, target: PRODUCTION_SLOT, preserveVnet: true, timeoutMs: values.swapTimeout },
          run,
          io.log,
        ),
      swapVerdict,
    );
    if (swapped.state === 'not-swapped')
      throw swapDidNotHappen(values.slot, PRODUCTION_SLOT, swapped.error, describeServing(production));
    if (swapped.state === 'in-progress')
      throw swapStillRunning(values.slot, PRODUCTION_SLOT, values.swapTimeout, describeServing(production));
    const productionGate = await timeline.judge(
      'verify production',
      () => verifyProduction('production after rollback', swapped.target.url, gate, expected, io.log),
      gateVerdict,
    );
    report.gates.push(productionGate);
    if (!productionGate.report.healthy) {
      throw productionLeftUnhealthy(
        'the rolled-back release fails its gate in production',
        describeServing(await readServing(ops, PRODUCTION_SLOT, probe)),
        reasonsOf(productionGate),
      );
    }
    report.rolledBack = true;
    report.result = 'rolled-back';
  } catch (error) {
    report.failure = error instanceof Error ? error : new Error(String(error));
  } finally {
    await lock.release().catch(() => io.log.warning('Could not release the deploy lock.'));
    report.production = await readServing(ops, PRODUCTION_SLOT, probe);
  }
  return report;
}
