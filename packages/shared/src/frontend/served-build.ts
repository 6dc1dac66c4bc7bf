import { servedBuildTimedOut } from '../errors.js';
import { PROGRESS_EVERY_MS } from '../health/progress.js';
import type { Logger } from '../io/action-io.js';
import { VERSION_FILE } from './build-output.js';

const POLL_EVERY_MS = 500;
const REQUEST_TIMEOUT_MS = 10_000;

export type ServedBuild = { ok: true; buildId: string } | { ok: false; seen: string };

export function siteUrl(hostname: string): string {
  return `https://${hostname}`;
}

/** What the site serves at /version.json right now (past any cache: the query string is new every time). */
export async function readServedBuild(url: string): Promise<ServedBuild> {
  try {
    const response = await fetch(`${url}/${VERSION_FILE}?augeo-check=${Date.now()}`, {
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: { 'cache-control': 'no-cache' },
    });
    if (!response.ok) return { ok: false, seen: `HTTP ${response.status} for /${VERSION_FILE}` };
    const body = (await response.json().catch(() => undefined)) as { buildId?: unknown } | undefined;
    return typeof body?.buildId === 'string'
      ? { ok: true, buildId: body.buildId }
      : { ok: false, seen: `/${VERSION_FILE} without a buildId` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ok: false, seen: `no answer (${cause?.code ?? (error as Error).message})` };
  }
}

/**
 * Waits until the site serves `buildId`: the deploy is done when users get the new build, not when an API says so.
 * Prints phase, elapsed and deadline every 10 s; fails at the deadline saying what the site served instead.
 */
export async function waitForServedBuild(url: string, buildId: string, deadlineMs: number, log: Logger): Promise<void> {
  const started = Date.now();
  let lastProgress = started;
  let last: ServedBuild = await readServedBuild(url);
  while (!(last.ok && last.buildId === buildId)) {
    const elapsed = Date.now() - started;
    if (elapsed >= deadlineMs)
      throw servedBuildTimedOut(url, buildId, deadlineMs, last.ok ? `build ${last.buildId}` : last.seen);
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      log.info(
        `… waiting for ${url} to serve build ${buildId}: ${Math.round(elapsed / 1000)}s of ` +
          `${Math.round(deadlineMs / 1000)}s, it serves ${last.ok ? `build ${last.buildId}` : last.seen}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_EVERY_MS, deadlineMs - elapsed)));
    last = await readServedBuild(url);
  }
}
