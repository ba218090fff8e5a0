import { CallCounter } from './call-counter.ts';
import { ExpiringStore } from './expiring-store.ts';
import { FaultQueue } from './faults.ts';
import { cryptoRandom, type RandomSource } from './random.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';
import { cloneSettings, type MergeResult, mergeSettings } from './settings.ts';
import type { SandboxApp, SandboxMember, SandboxSettings, SandboxSettingsPatch } from './types.ts';

/** doc/96442: a code expires after 5 minutes unused. */
export const CODE_LIFETIME_MS = 5 * 60 * 1000;
/** doc/96442: a user_ticket is valid for 1800 s. */
export const USER_TICKET_LIFETIME_SECONDS = 1800;
/** doc/96909 */
export const JSAPI_TICKET_LIFETIME_SECONDS = 7200;
/**
 * After a member allows snsapi_privateinfo, WeCom does not ask that member again for that app for 30 days
 * (the project's rule; the period is not in the WeCom documentation we could reach).
 */
export const CONSENT_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Who is signed in to the (simulated) WeCom client. */
export type ClientIdentity = { kind: 'member'; userid: string } | { kind: 'external'; openid: string };

/** What an OAuth or web-login code stands for until it is exchanged. */
export interface CodeGrant {
  /** null when the authorize URL had no agentid: any app of the corp may exchange it. */
  agentId: number | null;
  flow: 'oauth2' | 'web-login';
  /** Only an oauth2 snsapi_privateinfo code the member allowed on the consent page can yield a user_ticket. */
  privateInfoConsented: boolean;
  identity: ClientIdentity;
  /**
   * The redirect_uri's host, port included, as WeCom compared it with the trusted domain. Checked again at the
   * exchange, because the domain may have changed since (50001).
   */
  redirectHost: string;
}

export interface TokenGrant {
  agentId: number;
}

export interface UserTicketGrant {
  agentId: number;
  userid: string;
}

/** Who allowed snsapi_privateinfo for which app. */
export interface ConsentGrant {
  agentId: number;
  userid: string;
}

/** Whom a JS-SDK ticket was issued to: the corp (get_jsapi_ticket) or one app (ticket/get?type=agent_config). */
export type JsapiTicketGrant = { kind: 'corp'; corpId: string } | { kind: 'agent'; corpId: string; agentId: number };

export interface SandboxStateOptions {
  settings: SandboxSettings;
  members: SandboxMember[];
  random?: RandomSource;
  /** Real clock in ms; the settings' clockOffsetSeconds is added on top. */
  realNowMs?: () => number;
}

/**
 * Everything the fake WeCom remembers, without any HTTP. Routes translate requests into calls on it,
 * which keeps the behaviour testable with an injected clock and random source.
 */
export class SandboxState {
  readonly tokens = new ExpiringStore<TokenGrant>();
  readonly codes = new ExpiringStore<CodeGrant>();
  readonly userTickets = new ExpiringStore<UserTicketGrant>();
  /** Kept so that `/__sandbox/jsapi/verify` can check signatures made with them. */
  readonly jsapiTickets = new ExpiringStore<JsapiTicketGrant>();
  readonly #consents = new ExpiringStore<ConsentGrant>();
  readonly gettokenLimiter = new SlidingWindowLimiter();
  readonly jsapiTicketLimiter = new SlidingWindowLimiter();
  readonly faults = new FaultQueue();
  readonly calls = new CallCounter();
  readonly random: RandomSource;

  readonly #initialSettings: SandboxSettings;
  readonly #initialMembers: SandboxMember[];
  readonly #realNowMs: () => number;
  #settings: SandboxSettings;
  #members: SandboxMember[];
  #errmsgSequence = 0;

  constructor(options: SandboxStateOptions) {
    this.#initialSettings = cloneSettings(options.settings);
    this.#initialMembers = structuredClone(options.members);
    this.#settings = cloneSettings(options.settings);
    this.#members = structuredClone(options.members);
    this.random = options.random ?? cryptoRandom;
    this.#realNowMs = options.realNowMs ?? Date.now;
  }

  get settings(): SandboxSettings {
    return this.#settings;
  }

  get members(): readonly SandboxMember[] {
    return this.#members;
  }

  /** The sandbox clock: real time plus the configured offset. */
  nowMs(): number {
    return this.#realNowMs() + this.#settings.clockOffsetSeconds * 1000;
  }

  nextErrmsgSequence(): number {
    this.#errmsgSequence += 1;
    return this.#errmsgSequence;
  }

  findApp(agentId: number): SandboxApp | undefined {
    return this.#settings.apps.find((app) => app.agentId === agentId);
  }

  findMember(userid: string): SandboxMember | undefined {
    return this.#members.find((member) => member.userid === userid);
  }

  /** Back to the start-up settings and members, forgetting every token, code, ticket, consent, fault and count. */
  reset(): void {
    this.#settings = cloneSettings(this.#initialSettings);
    this.#members = structuredClone(this.#initialMembers);
    this.tokens.clear();
    this.codes.clear();
    this.userTickets.clear();
    this.jsapiTickets.clear();
    this.#consents.clear();
    this.gettokenLimiter.clear();
    this.jsapiTicketLimiter.clear();
    this.faults.clear();
    this.calls.clear();
    this.#errmsgSequence = 0;
  }

  seed(members: SandboxMember[]): void {
    this.#members = structuredClone(members);
  }

  configure(patch: SandboxSettingsPatch): MergeResult {
    const result = mergeSettings(this.#settings, patch);
    if (result.ok) {
      this.#settings = result.settings;
    }
    return result;
  }

  revokeTokens(): void {
    this.tokens.clear();
  }

  /** The member allowed snsapi_privateinfo for the app: the consent page is skipped for `CONSENT_LIFETIME_MS`. */
  rememberConsent(grant: ConsentGrant): void {
    const now = this.nowMs();
    this.#consents.set(consentKey(grant), { ...grant }, now + CONSENT_LIFETIME_MS, now);
  }

  /** Whether the member's consent for the app still stands on the sandbox clock. */
  hasConsent(grant: ConsentGrant): boolean {
    return this.#consents.get(consentKey(grant), this.nowMs()).status === 'valid';
  }

  /** Everyone's consents, or only those of `userid`. */
  forgetConsents(userid?: string): void {
    if (userid === undefined) {
      this.#consents.clear();
      return;
    }
    for (const entry of [...this.#consents.entries(this.nowMs())]) {
      if (entry.value.userid === userid) {
        this.#consents.delete(entry.key);
      }
    }
  }

  /** Stores a fresh code for `CODE_LIFETIME_MS` and returns it. */
  issueCode(grant: CodeGrant): string {
    const code = this.random(32);
    const now = this.nowMs();
    this.codes.set(code, grant, now + CODE_LIFETIME_MS, now);
    return code;
  }
}

/** The agentId is an integer and a userid never holds a colon, so the key is unambiguous. */
function consentKey(grant: ConsentGrant): string {
  return `${grant.agentId}:${grant.userid}`;
}
