import { runAction } from '@augeo/action-runtime/run-action';
import { notImplemented } from '@augeo/shared/errors';

export async function run(): Promise<void> {
  await runAction(async (io) => {
    io.log.info('hello');
    throw notImplemented('health-check', 'issue 2');
  });
}
