import { existsSync, readFileSync } from 'node:fs';

/** The last `lines` lines of a text, for error messages. */
export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function tailOfFile(file: string, lines: number): string {
  return existsSync(file) ? tail(readFileSync(file, 'utf8'), lines) : `(${file} does not exist)`;
}

/** NocoBase's JSON log lines at level error, each shortened; the CLI exits 0 even when a command failed. */
export function errorLines(text: string, limit = 10): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes('"level":"error"'))
    .slice(0, limit)
    .map((line) => (line.length > 600 ? `${line.slice(0, 600)}…` : line));
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
