const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** The host of a URL unless it is the machine itself (loopback servers reach no network). */
export function remoteHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^:/?#\s]+)/i.exec(url);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  return LOOPBACK.test(host) ? undefined : host;
}

/** Whether a collector endpoint (a URL, or `host:port`) is on this machine. */
export function isLocalEndpoint(endpoint: string): boolean {
  const e = endpoint.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(e) ? remoteHost(e) === undefined : LOOPBACK.test(e.replace(/:\d+$/, ''));
}
