import { z } from 'zod';

/** One request as nginx logged it (the `cluster` format of nginx-config.ts). */
export interface AccessLogEntry {
  /** When nginx began the request, ms since the epoch: when it ended minus how long it took. */
  startedAt: number;
  /** When nginx had sent the answer, ms since the epoch. */
  endedAt: number;
  method: string;
  /** Without the query. */
  path: string;
  /** What the client got. */
  status: number;
  /** Each node nginx tried, in order (`127.0.0.1:13500`); empty when nginx answered by itself. */
  upstreams: string[];
  /** What each of those answered (`502` for a connection that failed), in the same order. */
  upstreamStatuses: string[];
  userAgent: string;
}

const lineSchema = z.object({
  msec: z.number(),
  requestTime: z.number(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  upstream: z.string(),
  upstreamStatus: z.string(),
  userAgent: z.string(),
});

/** nginx separates the servers of one pass with ", " and the passes of internal redirects with " : ". */
function servers(value: string): string[] {
  return value
    .split(/, | : /)
    .map((item) => item.trim())
    .filter((item) => item !== '' && item !== '-');
}

/** Every complete line of the log; a line nginx is still writing (no newline yet) waits for the next read. */
export function parseAccessLog(text: string): AccessLogEntry[] {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const entry = lineSchema.parse(JSON.parse(line));
      const endedAt = Math.round(entry.msec * 1000);
      return {
        startedAt: endedAt - Math.round(entry.requestTime * 1000),
        endedAt,
        method: entry.method,
        path: entry.path,
        status: entry.status,
        upstreams: servers(entry.upstream),
        upstreamStatuses: servers(entry.upstreamStatus),
        userAgent: entry.userAgent,
      };
    });
}
