import type { SandboxControl, SandboxMember } from '../sandbox/index.ts';

let counter = 0;

/**
 * A suffix no earlier run used: the demo app (and its users and links) is kept between runs, so names
 * and phone numbers must not repeat, or a test would meet last run's user (PHONE_AMBIGUOUS and the like).
 */
export function uniqueSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}`;
}

/** An 11-digit mainland mobile that no earlier run used: 19 + the clock in ms (9 digits) + a counter digit. */
export function uniquePhone(): string {
  counter += 1;
  return `19${String(Date.now()).slice(-8)}${counter % 10}`;
}

/** `19912345678` as admins type it into WeCom: `+86 199 1234 5678`, which the plugin must match to the bare number. */
export function weComMobile(phone: string): string {
  return `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
}

/** A new member of the sandbox corp, with a userid and mobile of its own. */
export function newMember(overrides: Partial<SandboxMember> = {}): SandboxMember {
  const suffix = uniqueSuffix();
  return {
    userid: `e2e${suffix}`,
    name: `测试${suffix.slice(-4)}`,
    mobile: weComMobile(uniquePhone()),
    position: 'E2E',
    ...overrides,
  };
}

/** Digits of a WeCom mobile, as NocoBase stores the phone (`+86`, spaces and dashes dropped). */
export function bareMobile(member: SandboxMember): string {
  const digits = (member.mobile ?? '').replace(/\D/g, '');
  return digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
}

/** The sandbox's directory; the typed control client can replace it but not read it. */
export async function sandboxMembers(sandboxUrl: string): Promise<SandboxMember[]> {
  const answer = await fetch(new URL('/__sandbox/members', sandboxUrl));
  if (!answer.ok) throw new Error(`GET /__sandbox/members answered ${answer.status}`);
  const body = (await answer.json()) as { members?: SandboxMember[] };
  return body.members ?? [];
}

/** `seed` replaces the whole directory, so the members already there (the demo's people) are kept. */
export async function addMembers(control: SandboxControl, sandboxUrl: string, members: SandboxMember[]): Promise<void> {
  const existing = await sandboxMembers(sandboxUrl);
  const added = new Set(members.map((member) => member.userid));
  await control.seed([...existing.filter((member) => !added.has(member.userid)), ...members]);
}

export async function removeMembers(control: SandboxControl, sandboxUrl: string, userids: string[]): Promise<void> {
  const gone = new Set(userids);
  const existing = await sandboxMembers(sandboxUrl);
  await control.seed(existing.filter((member) => !gone.has(member.userid)));
}
