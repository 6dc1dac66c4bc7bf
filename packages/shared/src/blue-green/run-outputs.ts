import type { RunReport } from './run-report.js';

/** deploy-backend's outputs: every one set whether the run succeeded or not, from what was read back at the end. */
export function deployOutputs(report: RunReport): Record<string, string> {
  return {
    result: report.result,
    'previous-image': report.before?.image ?? '',
    'deployed-image': report.production?.image ?? '',
    'production-version': report.production?.version ?? '',
    'production-url': report.production?.url ?? '',
    'slot-url': report.slotUrl ?? '',
    'rolled-back': String(report.rolledBack),
  };
}
