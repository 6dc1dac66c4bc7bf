import { accept, reject, type Parser } from '../inputs/parser.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours in minutes after local midnight: `from` inclusive, `to` exclusive. */
export interface HourRange {
  fromMinute: number;
  toMinute: number;
}

const RANGE = /^([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)$/;

/** `08:00-19:00`: opening and closing time on a 24-hour clock; the range may not wrap past midnight. */
export const hourRange: Parser<HourRange> = {
  expected: 'opening hours as HH:MM-HH:MM on a 24-hour clock, such as 08:00-19:00 (closing after opening)',
  parse(raw) {
    const match = RANGE.exec(raw.trim());
    if (!match) return reject(hourRange.expected);
    const [, fromHour, fromMinute, toHour, toMinute] = match.map(Number);
    const from = (fromHour ?? 0) * 60 + (fromMinute ?? 0);
    const to = (toHour ?? 0) * 60 + (toMinute ?? 0);
    return to > from && to <= 24 * 60 ? accept({ fromMinute: from, toMinute: to }) : reject(hourRange.expected);
  },
};

/** `mon-fri`, `mon,wed,fri` or `mon-fri,sun`: three-letter English day names, ranges within one week. */
export const weekdays: Parser<Weekday[]> = {
  expected: 'days such as mon-fri or mon,tue,wed (three-letter English names, ranges allowed)',
  parse(raw) {
    const days = new Set<Weekday>();
    for (const part of raw
      .toLowerCase()
      .split(',')
      .map((text) => text.trim())) {
      const [first, last = first] = part.split('-').map((text) => text.trim());
      const from = WEEKDAYS.indexOf(first as Weekday);
      const to = WEEKDAYS.indexOf(last as Weekday);
      if (from < 0 || to < from) return reject(weekdays.expected);
      for (let index = from; index <= to; index += 1) days.add(WEEKDAYS[index] as Weekday);
    }
    return days.size > 0 ? accept(WEEKDAYS.filter((day) => days.has(day))) : reject(weekdays.expected);
  },
};

/** An IANA time zone (`Europe/Amsterdam`, `UTC`) as Intl knows it: wrong zones fail here, not at 3 a.m. */
export const timeZone: Parser<string> = {
  expected: 'an IANA time zone such as Europe/Amsterdam, America/New_York or UTC',
  parse(raw) {
    const zone = raw.trim();
    try {
      return accept(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone);
    } catch {
      return reject(timeZone.expected);
    }
  },
};

export interface BusinessHours {
  timeZone: string;
  hours: HourRange;
  days: Weekday[];
}

/** The weekday and minute of the day at `instant` on the wall clock of `zone`. */
export function wallClock(instant: Date, zone: string): { day: Weekday; minute: number; text: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return {
    day: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday,
    minute: hour * 60 + minute,
    text: `${parts.weekday} ${parts.hour}:${parts.minute} ${zone}`,
  };
}

/** Whether `instant` falls within business hours, and the local time that decided it. */
export function withinBusinessHours(instant: Date, hours: BusinessHours): { open: boolean; localTime: string } {
  const local = wallClock(instant, hours.timeZone);
  const open =
    hours.days.includes(local.day) && local.minute >= hours.hours.fromMinute && local.minute < hours.hours.toMinute;
  return { open, localTime: local.text };
}

/** `08:00-19:00 mon-fri (Europe/Amsterdam)` style, for summaries. */
export function describeBusinessHours(hours: BusinessHours): string {
  const clock = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${clock(hours.hours.fromMinute)}-${clock(hours.hours.toMinute)} ${hours.days.join(',')} (${hours.timeZone})`;
}
