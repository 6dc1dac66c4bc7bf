import { accept, reject, type Parser } from './parser.js';

const EXPECTED = 'an http or https URL such as https://app.example.com/health';

/** An absolute http or https URL, returned normalised (`new URL(...).href`). */
export const httpUrl: Parser<string> = {
  expected: EXPECTED,
  parse(raw) {
    if (!URL.canParse(raw.trim())) return reject(EXPECTED);
    const url = new URL(raw.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname
      ? accept(url.href)
      : reject(EXPECTED);
  },
};
