import { readFile, writeFile } from 'node:fs/promises';
import { type BrowserResults, renderBrowserMarkdown } from './browser-report.ts';
import { type BenchResults, renderMarkdown } from './report.ts';
import { summariseResults } from './summary.ts';

/**
 * bench/results.json holds the server part at its top level (as before the browser part existed), the browser
 * part under `browser`, and both parts' headline figures under `summary` (summary.ts). A run of one part keeps
 * the other part of the previous run.
 */
export interface ResultsFile {
  server: BenchResults | null;
  browser: BrowserResults | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The previous results, part by part; a missing or unreadable file is no results. */
export async function readResults(directory: URL): Promise<ResultsFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(new URL('results.json', directory), 'utf8'));
  } catch {
    return { server: null, browser: null };
  }
  if (!isRecord(parsed)) return { server: null, browser: null };
  // The summary is made from the parts again on every write.
  const { browser, summary: _summary, ...server } = parsed;
  // Written by this bench; the checks only tell a file of the old shape or of one part from the other.
  return {
    server: Array.isArray(server.flows) && isRecord(server.machine) ? (server as unknown as BenchResults) : null,
    browser: isRecord(browser) && isRecord(browser.silent) ? (browser as unknown as BrowserResults) : null,
  };
}

export function renderResults(results: ResultsFile): string {
  const server = results.server ? renderMarkdown(results.server) : '# WeCom sign-in benchmark\n';
  return results.browser ? `${server}\n${renderBrowserMarkdown(results.browser)}` : server;
}

/** Writes results.json and results.md with `update`'s parts, the other parts as the previous run left them. */
export async function writeResults(directory: URL, update: Partial<ResultsFile>): Promise<string[]> {
  const previous = await readResults(directory);
  const merged: ResultsFile = {
    server: update.server ?? previous.server,
    browser: update.browser ?? previous.browser,
  };
  const json = new URL('results.json', directory);
  const markdown = new URL('results.md', directory);
  const content = {
    ...merged.server,
    ...(merged.browser ? { browser: merged.browser } : {}),
    summary: summariseResults(merged),
  };
  await writeFile(json, `${JSON.stringify(content, null, 2)}\n`);
  await writeFile(markdown, renderResults(merged));
  return [json.pathname, markdown.pathname];
}
