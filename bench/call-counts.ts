/** The sandbox's counters split into WeCom's server API (`/cgi-bin/…`) and the pages a browser opened on WeCom. */
export interface CallSplit {
  /** Server-to-server calls (`/cgi-bin/…`), by path without the prefix. */
  api: Record<string, number>;
  apiTotal: number;
  /** Pages the browser opened on WeCom (authorize, consent, QR); not our server's cost, shown for context. */
  browserHops: number;
}

export function splitCalls(calls: Record<string, number>): CallSplit {
  const api: Record<string, number> = {};
  let browserHops = 0;
  for (const [path, count] of Object.entries(calls)) {
    if (path.startsWith('/cgi-bin/')) api[path.slice('/cgi-bin/'.length)] = count;
    else browserHops += count;
  }
  return { api, apiTotal: Object.values(api).reduce((sum, count) => sum + count, 0), browserHops };
}

export function describeApiCalls(api: Record<string, number>): string {
  const parts = Object.entries(api).map(([path, count]) => `${path} ${count}`);
  return parts.length ? parts.join(' + ') : 'none';
}
