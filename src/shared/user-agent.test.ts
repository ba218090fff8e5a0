import { OTHER_USER_AGENTS, WECOM_USER_AGENTS } from '../sdk-shim/user-agents.fixture';
import { isWeComUserAgent } from './user-agent';

describe('isWeComUserAgent', () => {
  it.each(Object.entries(WECOM_USER_AGENTS))('WeCom client: %s', (_, userAgent) => {
    expect(isWeComUserAgent(userAgent)).toBe(true);
  });

  it.each(Object.entries(OTHER_USER_AGENTS))('not WeCom: %s', (_, userAgent) => {
    expect(isWeComUserAgent(userAgent)).toBe(false);
  });

  it('takes a private deployment that sends only wxworklocal/, which @wecom/jssdk would call WeChat (§6)', () => {
    const localOnly = WECOM_USER_AGENTS.privateAndroidUniform.replace(' wxwork/3.0.0', '');
    expect(localOnly).not.toMatch(/wxwork\//);
    expect(isWeComUserAgent(localOnly)).toBe(true);
  });

  it('needs the slash: words that merely contain "wxwork" do not count', () => {
    expect(isWeComUserAgent('Mozilla/5.0 wxworkbench')).toBe(false);
    expect(isWeComUserAgent('')).toBe(false);
    expect(isWeComUserAgent(null)).toBe(false);
    expect(isWeComUserAgent(undefined)).toBe(false);
  });
});
