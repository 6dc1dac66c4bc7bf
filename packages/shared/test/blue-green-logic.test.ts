import { describe, expect, it } from '@jest/globals';
import { appSettings } from '@augeo/shared/blue-green/app-settings';
import { blocks, decodeHolder, encodeHolder, type LockHolder } from '@augeo/shared/blue-green/deploy-lock';
import { parseImage } from '@augeo/shared/blue-green/image-reference';
import { previousReleaseProblem } from '@augeo/shared/blue-green/rollback-target';
import { renderRunSummary, timelineGantt } from '@augeo/shared/blue-green/run-summary';
import { Timeline } from '@augeo/shared/blue-green/timeline';

const me = { runId: '42', attempt: 2, nonce: 'aaaa', label: 'augeo/infra run 42 attempt 2' };
const holder = (patch: Partial<LockHolder>): LockHolder => ({
  runId: '7',
  attempt: 1,
  nonce: 'bbbb',
  since: '2026-01-01T00:00:00.000Z',
  expires: '2026-01-01T00:30:00.000Z',
  purpose: 'deploy-backend augeo/api:1.2.0 by augeo/infra run 7 attempt 1',
  ...patch,
});
const at = (iso: string) => Date.parse(iso);

describe('deploy lock', () => {
  it('round-trips a holder through the tag value, within the 256-character tag limit', () => {
    const value = encodeHolder(holder({ purpose: 'x'.repeat(400) }));
    expect(value.length).toBeLessThanOrEqual(256);
    expect(decodeHolder(encodeHolder(holder({})))).toEqual(holder({}));
    expect(decodeHolder('garbage')).toBeUndefined();
  });

  it('is blocked by a live lease of another run, not by an expired one, its own, or an earlier attempt of its run', () => {
    expect(blocks(holder({}), me, at('2026-01-01T00:10:00Z'))).toBe(true);
    expect(blocks(holder({}), me, at('2026-01-01T00:31:00Z'))).toBe(false);
    expect(blocks(holder({ nonce: 'aaaa' }), me, at('2026-01-01T00:10:00Z'))).toBe(false);
    expect(blocks(holder({ runId: '42', attempt: 1 }), me, at('2026-01-01T00:10:00Z'))).toBe(false);
    expect(blocks(holder({ runId: '42', attempt: 3 }), me, at('2026-01-01T00:10:00Z'))).toBe(true);
    expect(blocks(undefined, me, 0)).toBe(false);
  });
});

describe('rollback target choice', () => {
  const production = { image: 'augeo/api:2.0.0', version: '2.0.0' };
  it('accepts a slot that runs another image and reports its version', () => {
    expect(
      previousReleaseProblem(production, { image: 'augeo/api:1.9.0', version: '1.9.0', answer: 'status 200' }, '1.9.0'),
    ).toBeUndefined();
  });
  it.each([
    [{ image: undefined, version: undefined, answer: 'status 200' }, 'it runs no container image.'],
    [{ image: 'augeo/api:2.0.0', version: '2.0.0', answer: 'status 200' }, 'it runs the same image as production'],
    [{ image: 'augeo/api:1.9.0', version: undefined, answer: 'status 503' }, 'reports no version (status 503)'],
    [{ image: 'augeo/api:1.9.0', version: '0.0.0', answer: 'status 200' }, "reports version '0.0.0', not '1.9.0'"],
  ])('refuses %j', (slot, why) => {
    expect(previousReleaseProblem(production, slot, '1.9.0')).toContain(why);
  });
});

describe('timeline', () => {
  it('records phases in order with durations, a failed phase as failed, and skips', async () => {
    let now = 0;
    const timeline = new Timeline(() => now);
    await timeline.run('preflight', async (note) => {
      now += 100;
      note('production serves 1.0.0');
    });
    await expect(
      timeline.run('stage', async () => {
        now += 250;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    timeline.skip('swap', 'stage failed');
    expect(timeline.phases).toEqual([
      { phase: 'preflight', startMs: 0, durationMs: 100, outcome: 'ok', note: 'production serves 1.0.0' },
      { phase: 'stage', startMs: 100, durationMs: 250, outcome: 'failed' },
      { phase: 'swap', startMs: 350, durationMs: 0, outcome: 'skipped', note: 'stage failed' },
    ]);
  });
});

describe('summary', () => {
  const report = {
    action: 'deploy-backend' as const,
    title: 'deploy augeo/api:1.2.0',
    result: 'rolled-back',
    before: {
      slot: 'production',
      linuxFxVersion: 'DOCKER|augeo/api:1.0.0',
      url: 'https://p',
      image: 'augeo/api:1.0.0',
      version: '1.0.0',
      answer: 'status 200',
    },
    production: {
      slot: 'production',
      linuxFxVersion: 'DOCKER|augeo/api:1.0.0',
      url: 'https://p',
      image: 'augeo/api:1.0.0',
      version: '1.0.0',
      answer: 'status 200',
    },
    gates: [],
    timeline: [
      { phase: 'swap staging → production', startMs: 1200, durationMs: 3000, outcome: 'ok' as const },
      { phase: 'verify production', startMs: 4200, durationMs: 15, outcome: 'failed' as const, note: '1 sample' },
    ],
    rolledBack: true,
    reasons: ['production after swap: status 500 ×1'],
    warnings: [],
  };

  it('says what production serves, why it rolled back, and draws the timeline as a table', () => {
    const text = renderRunSummary(report);
    expect(text).toContain('### deploy-backend: ↩️ rolled back');
    expect(text).toContain('**Production serves now:** `augeo/api:1.0.0 (reports 1.0.0)`');
    expect(text).toContain('- production after swap: status 500 ×1');
    expect(text).toContain('| verify production | +4.2s | 15ms | ❌ failed | 1 sample |');
  });

  it('draws a Mermaid gantt with millisecond offsets, failed phases crit', () => {
    expect(timelineGantt(report).split('\n')).toEqual([
      '```mermaid',
      'gantt',
      '    title deploy-backend timeline',
      '    dateFormat x',
      '    axisFormat %M:%S',
      '    section phases',
      '    swap staging → production :done, p0, 1200, 4200',
      '    verify production :crit, p1, 4200, 4215',
      '```',
    ]);
  });
});

describe('input parsers', () => {
  it('takes images with a tag only, and the tag as the version', () => {
    expect(parseImage('myacr.azurecr.io/augeo/api:1.4.2')).toEqual({
      reference: 'myacr.azurecr.io/augeo/api:1.4.2',
      tag: '1.4.2',
    });
    expect(parseImage('localhost:5000/api:2')).toEqual({ reference: 'localhost:5000/api:2', tag: '2' });
    expect(parseImage('augeo/api')).toBeUndefined();
    expect(parseImage('augeo/api:1.0 extra')).toBeUndefined();
  });

  it('reads app settings as YAML or KEY=VALUE lines, passing Key Vault references through', () => {
    const kv = '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)';
    expect(appSettings.parse(`A=1\nB=x=y\n# comment\nDB=${kv}`)).toEqual({
      ok: true,
      value: { A: '1', B: 'x=y', DB: kv },
    });
    expect(appSettings.parse(`A: 1\nFLAG: true\nDB: "${kv}"`)).toEqual({
      ok: true,
      value: { A: '1', FLAG: 'true', DB: kv },
    });
    expect(appSettings.parse('A:\n  nested: 1').ok).toBe(false);
    expect(appSettings.parse('1BAD=x').ok).toBe(false);
  });
});
