import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorError } from './errors.js';
import type { FaultSpec } from './faults.js';
import type { FrontFaultSpec } from './front-faults.js';
import { parseJson, readBody, sendJson, type Handler } from './http.js';
import type { JournalEntry } from './journal.js';

export interface ControlTarget {
  journal(): JournalEntry[];
  clearJournal(): void;
  injectFault(fault: FaultSpec): string;
  injectFrontFault(fault: FrontFaultSpec): string;
  clearFaults(): void;
  setOidcContext(patch: Record<string, string | null>): unknown;
  setLatencies(patch: Record<string, unknown>): unknown;
  state(): unknown;
}

/** The emulator's own HTTP API (AUGEO_EMULATOR_URL), for tests and scripts in other processes. */
export function controlApi(target: ControlTarget): Handler {
  return (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const body = parseJson(await readBody(req)) as Record<string, unknown> | undefined;
        const route = `${req.method} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname}`;
        switch (route) {
          case 'GET /_emulator/journal':
            return sendJson(res, 200, target.journal());
          case 'DELETE /_emulator/journal':
            target.clearJournal();
            return sendJson(res, 204, undefined);
          case 'POST /_emulator/faults':
            return sendJson(res, 201, { id: target.injectFault((body ?? {}) as unknown as FaultSpec) });
          case 'POST /_emulator/front-faults':
            return sendJson(res, 201, { id: target.injectFrontFault((body ?? {}) as unknown as FrontFaultSpec) });
          case 'DELETE /_emulator/faults':
            target.clearFaults();
            return sendJson(res, 204, undefined);
          case 'PUT /_emulator/oidc-context':
            return sendJson(res, 200, target.setOidcContext((body ?? {}) as Record<string, string | null>));
          case 'PUT /_emulator/latencies':
            return sendJson(res, 200, target.setLatencies(body ?? {}));
          case 'GET /_emulator/state':
            return sendJson(res, 200, target.state());
          default:
            return sendJson(res, 404, { error: `No control route '${route}'.` });
        }
      } catch (error) {
        const status = error instanceof EmulatorError || error instanceof SyntaxError ? 400 : 500;
        sendJson(res, status, { error: (error as Error).message });
      }
    })();
  };
}
