import { CONSENT_LIFETIME_MS, SandboxState } from './sandbox-state.ts';
import { DEFAULT_SANDBOX_SETTINGS } from './settings.ts';

/** A state on a hand-driven clock. */
function makeState(): { state: SandboxState; advance: (ms: number) => void } {
  let now = 1_700_000_000_000;
  const state = new SandboxState({
    settings: DEFAULT_SANDBOX_SETTINGS,
    members: [
      { userid: 'zhangsan', name: '张三' },
      { userid: 'lisi', name: '李四' },
    ],
    realNowMs: () => now,
  });
  return { state, advance: (ms) => (now += ms) };
}

const zhangsan = { agentId: 1000002, userid: 'zhangsan' };

describe('remembered consents', () => {
  it('holds for 30 days on the sandbox clock, then lapses', () => {
    const { state, advance } = makeState();
    expect(state.hasConsent(zhangsan)).toBe(false);
    state.rememberConsent(zhangsan);
    advance(CONSENT_LIFETIME_MS - 1);
    expect(state.hasConsent(zhangsan)).toBe(true);
    advance(1);
    expect(state.hasConsent(zhangsan)).toBe(false);
  });

  it('counts the clock offset', () => {
    const { state } = makeState();
    state.rememberConsent(zhangsan);
    state.configure({ clockOffsetSeconds: CONSENT_LIFETIME_MS / 1000 });
    expect(state.hasConsent(zhangsan)).toBe(false);
  });

  it('belongs to one member and one app', () => {
    const { state } = makeState();
    state.rememberConsent(zhangsan);
    expect(state.hasConsent({ ...zhangsan, userid: 'lisi' })).toBe(false);
    expect(state.hasConsent({ ...zhangsan, agentId: 1000003 })).toBe(false);
  });

  it('are forgotten one member at a time, all at once, and on reset', () => {
    const { state } = makeState();
    const lisi = { ...zhangsan, userid: 'lisi' };
    state.rememberConsent(zhangsan);
    state.rememberConsent(lisi);
    state.forgetConsents('lisi');
    expect([state.hasConsent(zhangsan), state.hasConsent(lisi)]).toEqual([true, false]);
    state.forgetConsents();
    expect(state.hasConsent(zhangsan)).toBe(false);
    state.rememberConsent(zhangsan);
    state.reset();
    expect(state.hasConsent(zhangsan)).toBe(false);
  });
});
