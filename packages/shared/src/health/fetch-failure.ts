const FRIENDLY: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
};

/**
 * What went wrong with a request that got no response. fetch reports every such failure as
 * `TypeError: fetch failed`; the useful part is the cause's code.
 */
export function describeFetchFailure(error: unknown): string {
  // Duck-typed, not instanceof: fetch's errors may come from another realm (a vm context, a worker).
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const code = (cause as { code?: unknown } | null)?.code;
  const message = String((cause as { message?: unknown } | null)?.message ?? cause);
  if (typeof code === 'string') {
    const friendly = FRIENDLY[code];
    if (friendly) return friendly;
    if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS error: ${message} (${code})`;
    return `request failed: ${message} (${code})`;
  }
  return `request failed: ${message}`;
}
