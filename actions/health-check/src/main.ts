import { runAction } from '@augeo/action-runtime/run-action';
import { runHealthCheckFromInputs } from '@augeo/shared/health/run-health-check';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    await runHealthCheckFromInputs(io);
  });
}
