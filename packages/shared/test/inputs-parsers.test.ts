import { describe, expect, it } from '@jest/globals';
import { boolean } from '@augeo/shared/inputs/boolean';
import { dottedPath } from '@augeo/shared/inputs/dotted-path';
import { duration, formatDuration } from '@augeo/shared/inputs/duration';
import { httpHeaders, isSensitiveHeader } from '@augeo/shared/inputs/http-headers';
import { httpStatuses, statusMatches } from '@augeo/shared/inputs/http-status';
import { integer } from '@augeo/shared/inputs/integer';
import { list } from '@augeo/shared/inputs/list';
import { oneOf } from '@augeo/shared/inputs/one-of';
import type { Parser } from '@augeo/shared/inputs/parser';
import { percentage } from '@augeo/shared/inputs/percentage';
import { httpUrl } from '@augeo/shared/inputs/url';

function value<T>(parser: Parser<T>, raw: string): T {
  const parsed = parser.parse(raw);
  if (!parsed.ok) throw new Error(`'${raw}' was rejected: expected ${parsed.expected}`);
  return parsed.value;
}

function rejection<T>(parser: Parser<T>, raw: string): string {
  const parsed = parser.parse(raw);
  if (parsed.ok) throw new Error(`'${raw}' was accepted as ${JSON.stringify(parsed.value)}`);
  return parsed.expected;
}

describe('duration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h2m3s4ms', 3_723_004],
    ['1.5s', 1500],
    ['0s', 0],
  ])('%s is %d ms', (raw, ms) => expect(value(duration(), raw)).toBe(ms));

  it.each(['5 parsecs', 'fast', '', '-5s', '30s1m', 's', '1d', '1 m'])('refuses %j', (raw) => {
    expect(rejection(duration(), raw)).toBe('a duration such as 500ms, 30s, 2m, 1h or 1m30s');
  });

  it('refuses a bare number with a hint to add a unit', () => {
    expect(rejection(duration(), '30')).toBe(
      'a duration with a unit, such as 30s or 30ms (a bare number is ambiguous; add ms, s, m or h)',
    );
  });

  it('enforces bounds and says them', () => {
    expect(rejection(duration({ minMs: 1 }), '0s')).toBe(
      'a duration such as 500ms, 30s, 2m, 1h or 1m30s of at least 1ms',
    );
    expect(rejection(duration({ minMs: 1000, maxMs: 60_000 }), '2m')).toContain('of at least 1s and at most 1m');
    expect(value(duration({ minMs: 1000, maxMs: 60_000 }), '1m')).toBe(60_000);
  });

  it.each([
    [250, '250ms'],
    [1500, '1.5s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [0.25, '0.3ms'],
  ])('formats %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('percentage', () => {
  it.each([
    ['5%', 5],
    ['0.5%', 0.5],
    ['0%', 0],
    ['100%', 100],
    [' 2.5 % ', 2.5],
  ])('%s is %d', (raw, percent) => expect(value(percentage, raw)).toBe(percent));

  it.each(['150%', '100.1%', '-1%', 'five%', '%'])('refuses %j', (raw) => {
    expect(rejection(percentage, raw)).toBe('a percentage from 0% to 100%, such as 5% or 0.5%');
  });

  it('refuses a bare number, which could mean 5% or 0.05', () => {
    expect(rejection(percentage, '5')).toBe('a percentage with a % sign, such as 5% (a bare number is ambiguous)');
  });
});

describe('boolean', () => {
  it.each(['true', 'TRUE', 'Yes', 'on', '1'])('%s is true', (raw) => expect(value(boolean, raw)).toBe(true));
  it.each(['false', 'False', 'NO', 'off', '0'])('%s is false', (raw) => expect(value(boolean, raw)).toBe(false));
  it.each(['maybe', '2', 'y'])('refuses %s', (raw) =>
    expect(rejection(boolean, raw)).toBe('true or false (also yes/no, on/off, 1/0)'),
  );
});

describe('integer', () => {
  const samples = integer({ min: 1, max: 100 });
  it.each([
    ['1', 1],
    ['100', 100],
    ['+7', 7],
    [' 42 ', 42],
  ])('%j is %d', (raw, n) => expect(value(samples, raw)).toBe(n));
  it.each(['0', '101', '-1', '1.5', '1e2', 'ten', '0x10', ''])('refuses %j', (raw) => {
    expect(rejection(samples, raw)).toBe('a whole number from 1 to 100');
  });
  it('words an open upper bound', () =>
    expect(rejection(integer({ min: 0 }), '-1')).toBe('a whole number of at least 0'));
});

describe('list', () => {
  it('splits on new lines and commas, trims and drops blanks', () => {
    expect(value(list(oneOf(['a', 'b', 'c']), 'lines-or-commas'), 'a, b\n\n c ,')).toEqual(['a', 'b', 'c']);
  });

  it('keeps commas inside items when only lines separate', () => {
    expect(value(list(httpUrl, 'lines'), 'https://x.test/h?a=1,2\r\nhttp://y.test/')).toEqual([
      'https://x.test/h?a=1,2',
      'http://y.test/',
    ]);
  });

  it('names the item that failed', () => {
    expect(rejection(list(httpUrl, 'lines'), 'https://ok.test\nftp://x')).toBe(
      "one or more of: an http or https URL such as https://app.example.com/health, one per line ('ftp://x' is not an http or https URL such as https://app.example.com/health)",
    );
  });

  it('refuses a list with nothing in it', () => {
    expect(rejection(list(oneOf(['a']), 'lines-or-commas'), ' , \n')).toBe(
      'one or more of: one of a, separated by commas or new lines',
    );
  });
});

describe('url', () => {
  it('accepts http and https, normalised', () => {
    expect(value(httpUrl, 'HTTPS://App.Example.com/health')).toBe('https://app.example.com/health');
    expect(value(httpUrl, 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
  });
  it.each(['ftp://x', 'not a url', 'file:///etc/passwd', '/health', 'example.com/health'])('refuses %j', (raw) => {
    expect(rejection(httpUrl, raw)).toBe('an http or https URL such as https://app.example.com/health');
  });
});

describe('oneOf', () => {
  it('matches regardless of case and returns the declared spelling', () =>
    expect(value(oneOf(['GET', 'HEAD']), 'head')).toBe('HEAD'));
  it('lists the choices', () => expect(rejection(oneOf(['GET', 'HEAD']), 'POST')).toBe('one of GET, HEAD'));
});

describe('http status list', () => {
  it.each([
    ['200', ['200']],
    ['200,204', ['200', '204']],
    ['2xx', ['2xx']],
    ['200, 3XX', ['200', '3xx']],
  ])('%s', (raw, patterns) => expect(value(httpStatuses, raw)).toEqual(patterns));

  it.each(['99', '600', '2xy', '20', 'ok', ',', '6xx'])('refuses %j', (raw) => {
    expect(rejection(httpStatuses, raw)).toContain('HTTP status codes from 100 to 599 or classes such as 2xx');
  });

  it('matches codes exactly and classes by hundreds', () => {
    expect(statusMatches(['200'], 200)).toBe(true);
    expect(statusMatches(['200'], 201)).toBe(false);
    expect(statusMatches(['2xx'], 299)).toBe(true);
    expect(statusMatches(['2xx'], 300)).toBe(false);
    expect(statusMatches(['204', '3xx'], 302)).toBe(true);
  });
});

describe('http headers', () => {
  it('reads Name: value lines, keeping colons and commas in values', () => {
    expect(value(httpHeaders, 'Authorization: Bearer a:b\n\nAccept: text/html, application/json')).toEqual([
      ['Authorization', 'Bearer a:b'],
      ['Accept', 'text/html, application/json'],
    ]);
  });
  it.each(['no colon', ': value', 'Bad Name: x', 'Good: ok\nbroken'])('refuses %j', (raw) => {
    expect(rejection(httpHeaders, raw)).toBe("HTTP headers, one 'Name: value' per line");
  });
  it.each([
    ['Authorization', true],
    ['X-Api-Key', true],
    ['Cookie', true],
    ['X-Auth-Token', true],
    ['Accept', false],
    ['X-Trace-Id', false],
  ])('%s sensitive: %s', (name, sensitive) => expect(isSensitiveHeader(name)).toBe(sensitive));
});

describe('dotted path', () => {
  it('splits into segments', () =>
    expect(value(dottedPath, 'build.info.version')).toEqual(['build', 'info', 'version']));
  it.each(['', '.version', 'version.', 'a..b', 'a b'])('refuses %j', (raw) => {
    expect(rejection(dottedPath, raw)).toBe('a dotted JSON field path such as version or build.version');
  });
});
