import { checkOrigin, type OriginProblem } from '../../src/extension/origin.ts';

export interface BuildArgs {
  /** The IT build's origins, in the order given, each once; empty for the store build. */
  origins: string[];
  /**
   * `--out-dir`: the unpacked build goes there instead of dist/extension, and no zip is written. For a second
   * copy beside the store build (the e2e suite's IT build), which must not replace what `npm run build` made.
   */
  outDir?: string;
}

export type ParsedArgs = { ok: true; args: BuildArgs } | { ok: false; message: string };

const WHY: Record<OriginProblem, string> = {
  ORIGIN_INVALID: 'is not an http(s) address of a site',
  ORIGIN_INSECURE: 'must use https (plain http only for 127.0.0.1 or localhost)',
  ORIGIN_HAS_PATH: 'must be an origin only: scheme, host and port, no path, query or fragment',
};

export const USAGE = `Usage: npm run build:extension [-- --origin https://nocobase.example.com ...] [--out-dir DIR]

Without --origin: the store build, which asks for access to each NocoBase site when it is added.
With --origin (repeatable): the IT build, with those origins pinned as required host permissions,
which Chrome grants without a prompt when the extension is force-installed.
With --out-dir: the unpacked build goes to DIR instead of dist/extension, and no zip is written.`;

/** `--origin URL` or `--origin=URL`, repeatable, and `--out-dir DIR`; anything else is refused with the reason. */
export function parseBuildArgs(argv: readonly string[]): ParsedArgs {
  const origins: string[] = [];
  let outDir: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    let value: string | undefined;
    if (arg === '--out-dir' || arg.startsWith('--out-dir=')) {
      const dir = arg === '--out-dir' ? argv[++index] : arg.slice('--out-dir='.length);
      if (!dir || dir.startsWith('--')) return { ok: false, message: '--out-dir needs a directory' };
      if (outDir !== undefined) return { ok: false, message: '--out-dir may be given once' };
      outDir = dir;
      continue;
    }
    if (arg === '--origin') {
      value = argv[++index];
      if (value === undefined || value.startsWith('--')) return { ok: false, message: '--origin needs an address' };
    } else if (arg.startsWith('--origin=')) {
      value = arg.slice('--origin='.length);
    } else if (arg === '--help' || arg === '-h') {
      return { ok: false, message: USAGE };
    } else {
      return { ok: false, message: `unknown argument: ${arg}\n\n${USAGE}` };
    }
    const checked = checkOrigin(value);
    if (!checked.ok) return { ok: false, message: `--origin ${value} ${WHY[checked.problem]}` };
    if (!origins.includes(checked.origin)) origins.push(checked.origin);
  }
  return { ok: true, args: outDir === undefined ? { origins } : { origins, outDir } };
}
