import { accept, reject, type Parser } from './parser.js';

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
