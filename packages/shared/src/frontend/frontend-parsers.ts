import { accept, reject, type Parser } from '../inputs/parser.js';

/** Where packages are kept: a blob container, reached as Azure names it (or Azurite's path-style URL on loopback). */
export interface BlobContainer {
  /** The account's blob endpoint, e.g. https://augeostaging.blob.core.windows.net. */
  serviceUrl: string;
  accountName: string;
  containerName: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const CONTAINER_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;

/**
 * `https://<account>.blob.core.windows.net/<container>` (any cloud's suffix), or on loopback the path-style
 * `http://127.0.0.1:10000/<account>/<container>` Azurite serves. Plain http is refused anywhere else: the package
 * URL carries a SAS.
 */
export const blobContainerUrl: Parser<BlobContainer> = {
  expected:
    'a blob container URL such as https://myaccount.blob.core.windows.net/frontend-packages ' +
    '(http only on 127.0.0.1, for Azurite)',
  parse(raw) {
    const text = raw.trim();
    if (!URL.canParse(text)) return reject(this.expected);
    const url = new URL(text);
    const loopback = LOOPBACK.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return reject(this.expected);
    const segments = url.pathname.split('/').filter(Boolean);
    const [accountName, containerName] = loopback
      ? [segments[0], segments[1]]
      : [url.hostname.split('.')[0], segments[0]];
    if (!accountName || !containerName || segments.length !== (loopback ? 2 : 1)) return reject(this.expected);
    if (!CONTAINER_NAME.test(containerName))
      return reject(`${this.expected}; '${containerName}' is not a container name`);
    return accept({
      serviceUrl: loopback ? `${url.origin}/${accountName}` : url.origin,
      accountName,
      containerName,
    });
  },
};

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

const RESOURCE_GROUP = /^[-\w._()]{0,89}[-\w_()]$/;
const STATIC_SITE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$/;

export const resourceGroupName: Parser<string> = {
  expected: 'a resource group name (up to 90 letters, digits, - _ . ( ), not ending in .)',
  parse: (raw) => (RESOURCE_GROUP.test(raw.trim()) ? accept(raw.trim()) : reject(resourceGroupName.expected)),
};

export const staticWebAppName: Parser<string> = {
  expected: 'a Static Web App name (up to 40 letters, digits and inner hyphens)',
  parse: (raw) => (STATIC_SITE_NAME.test(raw.trim()) ? accept(raw.trim()) : reject(staticWebAppName.expected)),
};

const BUILD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A build id becomes part of a blob name and is compared with version.json: keep it to a plain token. */
export const buildIdentifier: Parser<string> = {
  expected: 'a build id of up to 64 letters, digits, dots, hyphens and underscores',
  parse: (raw) => (BUILD_ID.test(raw.trim()) ? accept(raw.trim()) : reject(buildIdentifier.expected)),
};

const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** One `NAME=value` line of build-time environment. */
export const environmentAssignment: Parser<[string, string]> = {
  expected: 'NAME=value (NAME of letters, digits and _)',
  parse(raw) {
    const match = VARIABLE.exec(raw.trim());
    return match ? accept([match[1] ?? '', match[2] ?? '']) : reject(environmentAssignment.expected);
  },
};
