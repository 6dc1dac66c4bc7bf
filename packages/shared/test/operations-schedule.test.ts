import { describe, expect, it } from '@jest/globals';
import {
  hourRange,
  timeZone,
  weekdays,
  withinBusinessHours,
  type BusinessHours,
} from '../src/operations/business-hours.js';
import { restorePoint } from '../src/operations/dr-drill-inputs.js';
import { runDevSchedule } from '../src/operations/run-dev-schedule.js';
import { createMemoryIO } from '../src/io/memory-io.js';

const hours: BusinessHours = {
  timeZone: 'Europe/Amsterdam',
  hours: { fromMinute: 8 * 60, toMinute: 19 * 60 },
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
};

describe('business hours', () => {
  it('reads opening hours, days and zones, and refuses what it cannot read', () => {
    expect(hourRange.parse('08:00-19:00')).toEqual({ ok: true, value: { fromMinute: 480, toMinute: 1140 } });
    expect(hourRange.parse('7:30 - 24:00')).toEqual({ ok: true, value: { fromMinute: 450, toMinute: 1440 } });
    expect(hourRange.parse('19:00-08:00').ok).toBe(false);
    expect(hourRange.parse('8-19').ok).toBe(false);
    expect(weekdays.parse('mon-fri')).toEqual({ ok: true, value: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(weekdays.parse('sun, mon-tue')).toEqual({ ok: true, value: ['mon', 'tue', 'sun'] });
    expect(weekdays.parse('fri-mon').ok).toBe(false);
    expect(weekdays.parse('monday').ok).toBe(false);
    expect(timeZone.parse('Europe/Amsterdam')).toEqual({ ok: true, value: 'Europe/Amsterdam' });
    expect(timeZone.parse('Mars/Olympus').ok).toBe(false);
  });

  it('judges the wall clock of the zone, summer time included', () => {
    // Winter (UTC+1): 07:30 UTC is 08:30 in Amsterdam, a Monday.
    expect(withinBusinessHours(new Date('2025-01-06T07:30:00Z'), hours)).toEqual({
      open: true,
      localTime: 'Mon 08:30 Europe/Amsterdam',
    });
    // Summer (UTC+2): 17:30 UTC is 19:30, after closing.
    expect(withinBusinessHours(new Date('2025-07-07T17:30:00Z'), hours).open).toBe(false);
    // 16:59 UTC in summer is 18:59: still open; closing time itself is closed.
    expect(withinBusinessHours(new Date('2025-07-07T16:59:00Z'), hours).open).toBe(true);
    expect(withinBusinessHours(new Date('2025-07-07T17:00:00Z'), hours).open).toBe(false);
    // Saturday noon.
    expect(withinBusinessHours(new Date('2025-07-05T10:00:00Z'), hours)).toEqual({
      open: false,
      localTime: 'Sat 12:00 Europe/Amsterdam',
    });
  });
});

describe('restore-point', () => {
  it('is latest (0 ms back) or a duration back from the drill', () => {
    expect(restorePoint.parse('latest')).toEqual({ ok: true, value: 0 });
    expect(restorePoint.parse('10m')).toEqual({ ok: true, value: 600_000 });
    expect(restorePoint.parse('yesterday').ok).toBe(false);
  });
});

describe('dev schedule', () => {
  it('refuses any environment but dev before it reads an Azure setting', async () => {
    const io = createMemoryIO({ environment: 'staging' });
    const signIns: string[] = [];
    await expect(
      runDevSchedule(io, { idTokens: { getIdToken: async (audience) => (signIns.push(audience), 'token') } }),
    ).rejects.toThrow("Input 'environment' is invalid: got 'staging', expected dev");
    expect(signIns).toEqual([]);
  });
});
