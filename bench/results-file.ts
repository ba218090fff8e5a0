import { readFile, writeFile } from 'node:fs/promises';
import { type BrowserResults, renderBrowserMarkdown } from './browser-report.ts';
import { type ClusterResults, renderClusterMarkdown } from './cluster-report.ts';
import { withBenchResults } from './readme-section.ts';
import { type BenchResults, renderMarkdown } from './report.ts';
import { summariseResults } from './summary.ts';

/**
 * bench/results.json holds the server part at its top level (as before the other parts existed), the browser
 * part under `browser`, the cluster part under `cluster`, and the parts' headline figures under `summary`
 * (summary.ts). A run of some parts keeps the others of the previous run.
 */
export interface ResultsFile {
  server: BenchResults | null;
  browser: BrowserResults | null;
  cluster: ClusterResults | null;
}

const NO_RESULTS: ResultsFile = { server: null, browser: null, cluster: null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The previous results, part by part; a missing or unreadable file is no results. */
export async function readResults(directory: URL): Promise<ResultsFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(new URL('results.json', directory), 'utf8'));
  } catch {
    return NO_RESULTS;
  }
  if (!isRecord(parsed)) return NO_RESULTS;
  // The summary is made from the parts again on every write.
  const { browser, cluster, summary: _summary, ...server } = parsed;
  // Written by this bench; the checks only tell a file of the old shape or of one part from the other.
  return {
    server: Array.isArray(server.flows) && isRecord(server.machine) ? (server as unknown as BenchResults) : null,
    browser: isRecord(browser) && isRecord(browser.silent) ? (browser as unknown as BrowserResults) : null,
    cluster: isRecord(cluster) && isRecord(cluster.ratios) ? (cluster as unknown as ClusterResults) : null,
  };
}

export function renderResults(results: ResultsFile): string {
  const server = results.server ? renderMarkdown(results.server) : '# WeCom sign-in benchmark\n';
  const cluster = results.cluster ? `\n${renderClusterMarkdown(results.cluster)}` : '';
  const browser = results.browser ? `\n${renderBrowserMarkdown(results.browser)}` : '';
  return `${server}${cluster}${browser}`;
}

/**
 * Writes results.json, results.md and the README's copy of it with `update`'s parts, the other parts as the
 * previous run left them.
 */
export async function writeResults(directory: URL, update: Partial<ResultsFile>): Promise<string[]> {
  const previous = await readResults(directory);
  const merged: ResultsFile = {
    server: update.server ?? previous.server,
    browser: update.browser ?? previous.browser,
    cluster: update.cluster ?? previous.cluster,
  };
  const json = new URL('results.json', directory);
  const markdown = new URL('results.md', directory);
  const content = {
    ...merged.server,
    ...(merged.browser ? { browser: merged.browser } : {}),
    ...(merged.cluster ? { cluster: merged.cluster } : {}),
    summary: summariseResults(merged),
  };
  await writeFile(json, `${JSON.stringify(content, null, 2)}\n`);
  const rendered = renderResults(merged);
  await writeFile(markdown, rendered);
  const readme = new URL('../README.md', directory);
  await writeFile(readme, withBenchResults(await readFile(readme, 'utf8'), rendered));
  return [json.pathname, markdown.pathname, readme.pathname];
}
