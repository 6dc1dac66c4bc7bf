import type { AugeoError } from '../errors.js';
import {
  productionLeftUnhealthy,
  releaseRolledBack,
  slotNeverHealthy,
  slotNotFound,
  swapDidNotHappen,
  swapStillRunning,
} from '../errors.js';
import type { ActionIO } from '../io/action-io.js';
import { openSlotOperations, type ActionAdapters } from './action-session.js';
import { gatePlanOf } from './blue-green-inputs.js';
import { swapAndConfirm } from './confirmed-swap.js';
import { gateVerdict, reasonsOf, swapVerdict } from './deploy-backend.js';
import { acquireDeployLock } from './deploy-lock.js';
import { verifyProduction, verifySlot } from './health-gate.js';
import { lockTimingFrom } from './lock-timing.js';
import type { RunReport } from './run-report.js';
import { runIdentity } from './run-identity.js';
import { renderRunSummary } from './run-summary.js';
import { describeServing, readServing } from './slot-serving.js';
import { readSwapSlotsInputs } from './swap-slots-inputs.js';
import { Timeline } from './timeline.js';

/**
 * swap-slots' core. Knows what each slot serves before and after (image and reported version), is safe to re-run
 * (a swap this workflow run already did is detected, not done twice), and with `verify` swaps back when the
 * target fails its gate.
 */
export async function runSwapSlots(io: ActionIO, adapters: ActionAdapters): Promise<void> {
  const values = readSwapSlotsInputs(io.inputs);
  const ops = openSlotOperations(io, adapters, values);
  const gate = gatePlanOf(values);
  const probe = { healthPath: gate.healthPath, timeoutMs: gate.timeoutMs };
  const { sourceSlot: source, targetSlot: target, mode } = values;
  const run = runIdentity(io.env);
  const timeline = new Timeline();
  const report: RunReport = {
    action: 'swap-slots',
    title: `${mode} ${source} → ${target} of ${values.appName}`,
    result: 'failed',
    gates: [],
    timeline: timeline.phases,
    rolledBack: false,
    reasons: [],
    warnings: [],
  };

  const [sourceBefore, targetBefore] = await timeline.run('read both slots', async (note) => {
    const read = (slot: string, input: string) =>
      readServing(ops, slot, probe).catch((error: unknown) => {
        throw (error as AugeoError).code === 'ResourceNotFound' ? slotNotFound(input, slot, values.appName) : error;
      });
    const both = [await read(source, 'source-slot'), await read(target, 'target-slot')] as const;
    note(`${source}: ${describeServing(both[0])}; ${target}: ${describeServing(both[1])}`);
    return both;
  });
  report.before = targetBefore;
  const lock = await timeline.run('lock', () =>
    acquireDeployLock(
      ops,
      run,
      `swap-slots ${mode} ${source} → ${target}`,
      { ...lockTimingFrom(io.env), waitMs: values.lockWait },
      io.log,
    ),
  );
  try {
    if (mode === 'reset') {
      await timeline.run(`reset ${source}`, () => ops.resetSlotConfig(source));
      report.result = 'reset';
    } else if (mode === 'preview') {
      await timeline.run(`apply ${target} settings to ${source}`, () =>
        ops.applySlotConfig(source, target, values.preserveVnet),
      );
      report.result = 'previewed';
      if (values.verify) {
        const result = await timeline.judge(
          `verify ${source}`,
          () => verifySlot(`${source} under ${target} settings`, sourceBefore.url, gate, gate.expectedVersion, io.log),
          gateVerdict,
        );
        report.gates.push(result);
        if (!result.report.healthy) {
          report.result = 'failed';
          report.reasons.push(...reasonsOf(result));
        }
      }
    } else {
      const outcome = await timeline.judge(
        `swap ${source} → ${target}`,
        () =>
          swapAndConfirm(
            ops,
            { source, target, preserveVnet: values.preserveVnet, timeoutMs: values.swapTimeout },
            run,
            io.log,
          ),
        swapVerdict,
      );
      if (outcome.state === 'not-swapped')
        throw swapDidNotHappen(source, target, outcome.error, describeServing(await readServing(ops, target, probe)));
      if (outcome.state === 'in-progress') {
        report.warnings.push('The swap is still running in Azure.');
        throw swapStillRunning(
          source,
          target,
          values.swapTimeout,
          describeServing(await readServing(ops, target, probe)),
        );
      }
      report.result =
        outcome.state === 'already-swapped' ? 'already-swapped' : mode === 'complete' ? 'completed' : 'swapped';
      if (values.verify) {
        // What moved into the target: the source's app, or (already swapped) what the target runs now.
        const expected =
          gate.expectedVersion ?? (outcome.state === 'already-swapped' ? targetBefore.version : sourceBefore.version);
        const result = await timeline.judge(
          `verify ${target}`,
          () => verifyProduction(`${target} after swap`, outcome.target.url, gate, expected, io.log),
          gateVerdict,
        );
        report.gates.push(result);
        if (!result.report.healthy) {
          report.reasons.push(...reasonsOf(result));
          if (!values.autoRollback)
            throw productionLeftUnhealthy(
              `the swapped-in app fails its gate and auto-rollback is off`,
              describeServing(await readServing(ops, target, probe)),
              report.reasons,
            );
          const back = await timeline.judge(
            `swap back ${source} → ${target}`,
            () =>
              swapAndConfirm(
                ops,
                { source, target, preserveVnet: values.preserveVnet, timeoutMs: values.swapTimeout },
                { ...run, runId: `${run.runId}-back` },
                io.log,
              ),
            swapVerdict,
          );
          const after = await readServing(ops, target, probe);
          const recheck =
            back.state === 'swapped'
              ? await verifyProduction(`${target} after swap back`, back.target.url, gate, targetBefore.version, io.log)
              : undefined;
          if (recheck) report.gates.push(recheck);
          if (!recheck?.report.healthy)
            throw productionLeftUnhealthy(
              'the swap back did not bring a healthy app back',
              describeServing(after),
              report.reasons,
            );
          report.rolledBack = true;
          report.result = 'rolled-back';
          throw releaseRolledBack(sourceBefore.image ?? source, report.reasons, describeServing(after));
        }
      }
    }
  } catch (error) {
    report.failure = error instanceof Error ? error : new Error(String(error));
    if (report.result !== 'rolled-back') report.result = 'failed';
  } finally {
    await lock.release().catch(() => io.log.warning('Could not release the deploy lock.'));
  }

  const [sourceAfter, targetAfter] = [await readServing(ops, source, probe), await readServing(ops, target, probe)];
  report.production = targetAfter;
  const outputs = {
    result: report.result,
    'source-image': sourceAfter.image ?? '',
    'source-version': sourceAfter.version ?? '',
    'target-image': targetAfter.image ?? '',
    'target-version': targetAfter.version ?? '',
  };
  for (const [name, value] of Object.entries(outputs)) io.outputs.set(name, value);
  io.summary.append(renderRunSummary(report));
  if (report.failure) throw report.failure;
  if (report.result === 'failed') {
    throw slotNeverHealthy(source, sourceBefore.image ?? source, report.reasons, describeServing(targetAfter));
  }
}
