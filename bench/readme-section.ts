/** Where the latest results sit in README.md; the bench rewrites what is between the two marks. */
export const README_START = '<!-- bench results: written by `npm run bench` (bench/results-file.ts) -->';
export const README_END = '<!-- end of bench results -->';

/**
 * bench/results.md as the README's Benchmark section shows it: without its title, every heading one level down.
 * A README without both marks is an error, not silently left stale.
 */
export function withBenchResults(readme: string, resultsMarkdown: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start) throw new Error(`README.md lacks the marks ${README_START} … ${README_END}`);
  const body = resultsMarkdown
    .replace(/^# .*\n+/, '')
    .replace(/^(#{2,5}) /gm, '#$1 ')
    .trim();
  return `${readme.slice(0, start + README_START.length)}\n\n${body}\n\n${readme.slice(end)}`;
}
