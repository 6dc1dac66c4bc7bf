import { accept, reject, type Parser } from '../inputs/parser.js';

const ENVIRONMENT = /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$/;
const RESERVED_ENVIRONMENTS = new Set(['default', 'production']);

/**
 * A preview environment: becomes part of a host name, so lower-case letters, digits and inner hyphens, at most
 * 30 characters. `default`/`production` are refused: production is what an empty environment-name deploys to.
 */
export const environmentName: Parser<string> = {
  expected: 'a preview environment name of lower-case letters, digits and hyphens (at most 30), such as pr-123',
  parse(raw) {
    const text = raw.trim();
    if (RESERVED_ENVIRONMENTS.has(text.toLowerCase()))
      return reject(`${this.expected}; leave it empty to deploy to production`);
    return ENVIRONMENT.test(text) ? accept(text) : reject(this.expected);
  },
};

const BUILD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A build id becomes part of a blob name and is compared with version.json: keep it to a plain token. */
export const buildIdentifier: Parser<string> = {
  expected: 'a build id of up to 64 letters, digits, dots, hyphens and underscores',
  parse: (raw) => (BUILD_ID.test(raw.trim()) ? accept(raw.trim()) : reject(buildIdentifier.expected)),
};
