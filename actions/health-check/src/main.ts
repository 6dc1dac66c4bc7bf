import { runAction } from '@augeo/action-runtime/run-action';
import { healthCheckInputs, toHealthCheckPlan } from '@augeo/shared/health/health-check-inputs';
import { runHealthCheck } from '@augeo/shared/health/run-health-check';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runHealthCheck(io, toHealthCheckPlan(healthCheckInputs.read(io.inputs)));
  });
}
