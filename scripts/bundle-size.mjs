// Sizes of the script bundle (dist/sdk, from `vite build -c vite.script.config.mts`), for the README and the
// benchmark. Markdown by default, `--json` for machines. Exits 1 when wecom-login.js, all that a WeCom client
// loads to sign in silently, is over its budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = fileURLToPath(new URL('../dist/sdk', import.meta.url));
const SILENT_PATH_FILE = 'wecom-login.js';
// 5 kB as Vite counts them (1000 bytes), the stricter reading.
const SILENT_PATH_BUDGET = 5000;

let names;
try {
  names = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort();
} catch {
  console.error(`No ${dir}: run \`npx vite build -c vite.script.config.mts\` first.`);
  process.exit(1);
}

const files = names.map((file) => {
  const bytes = readFileSync(join(dir, file));
  // zlib's default level (6), which is what servers typically use.
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
});
const silent = files.find(({ file }) => file === SILENT_PATH_FILE);
const report = {
  files,
  silentPath: { file: SILENT_PATH_FILE, gzip: silent?.gzip ?? null, budget: SILENT_PATH_BUDGET },
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
  console.log('| File | Raw | gzip |');
  console.log('|---|---:|---:|');
  for (const { file, raw, gzip } of files) console.log(`| \`${file}\` | ${kb(raw)} | ${kb(gzip)} |`);
  console.log(
    `\nSilent path in the WeCom client: \`${SILENT_PATH_FILE}\` only, budget ${kb(SILENT_PATH_BUDGET)} gzip.`,
  );
}

if (!silent || silent.gzip > SILENT_PATH_BUDGET) {
  console.error(
    `${SILENT_PATH_FILE} is ${silent ? silent.gzip : 'missing'}; its budget is ${SILENT_PATH_BUDGET} bytes gzip.`,
  );
  process.exit(1);
}
