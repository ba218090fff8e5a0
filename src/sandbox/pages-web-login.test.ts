import { panelCallbackPage, panelMessage, scanPage } from './pages-web-login.ts';

describe('panelMessage', () => {
  it('is byte for byte the string @wecom/jssdk listens for', () => {
    expect(panelMessage({ kind: 'success', code: 'X' })).toBe(
      '{"type":"ww-iframe-handle:call","args":{"type":"call","name":"onLoginSuccess","payload":{"code":"X"}}}',
    );
  });

  it('reports a failure through onLoginFail', () => {
    expect(JSON.parse(panelMessage({ kind: 'fail', errCode: -1, errMsg: 'denied' }))).toEqual({
      type: 'ww-iframe-handle:call',
      args: { type: 'call', name: 'onLoginFail', payload: { errCode: -1, errMsg: 'denied' } },
    });
  });
});

describe('panelCallbackPage', () => {
  it('cannot be broken out of by the message', () => {
    const page = panelCallbackPage('</script><script>alert(1)</script>');
    expect(page).not.toContain('</script><script>alert(1)');
  });
});

describe('scanPage', () => {
  it('escapes member data', () => {
    const page = scanPage({
      appName: '<App>',
      members: [{ userid: 'a', name: '<b>x</b>' }],
      clientUserid: undefined,
      fields: { state: '"><script>' },
    });
    expect(page).not.toContain('<b>x</b>');
    expect(page).not.toContain('"><script>');
    expect(page).toContain('id="wecom-scan-a"');
  });
});
