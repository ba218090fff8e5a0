import { checkOrigin, type OriginProblem } from '../../src/extension/origin.ts';

export interface BuildArgs {
  /** The IT build's origins, in the order given, each once; empty for the store build. */
  origins: string[];
}

export type ParsedArgs = { ok: true; args: BuildArgs } | { ok: false; message: string };

const WHY: Record<OriginProblem, string> = {
  ORIGIN_INVALID: 'is not an http(s) address of a site',
  ORIGIN_INSECURE: 'must use https (plain http only for 127.0.0.1 or localhost)',
  ORIGIN_HAS_PATH: 'must be an origin only: scheme, host and port, no path, query or fragment',
};

export const USAGE = `Usage: npm run build:extension [-- --origin https://nocobase.example.com ...]

Without --origin: the store build, which asks for access to each NocoBase site when it is added.
With --origin (repeatable): the IT build, with those origins pinned as required host permissions,
which Chrome grants without a prompt when the extension is force-installed.`;

/** `--origin URL` or `--origin=URL`, repeatable; anything else is refused with the reason. */
export function parseBuildArgs(argv: readonly string[]): ParsedArgs {
  const origins: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    let value: string | undefined;
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
  return { ok: true, args: { origins } };
}
