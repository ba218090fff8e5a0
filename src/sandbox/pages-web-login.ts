import { escapeHtml, hiddenFields, htmlPage, scriptLiteral } from './html.ts';
import type { SandboxMember } from './types.ts';

export interface ScanPageInput {
  appName: string;
  members: readonly SandboxMember[];
  /** The member signed in to the (simulated) desktop client, offered first as a one-click login. */
  clientUserid: string | undefined;
  /** Posted back unchanged: login_type, appid, agentid, redirect_uri, state, lang, redirect_type. */
  fields: Record<string, string>;
}

function memberButton(member: SandboxMember, label: string, primary: boolean): string {
  const userid = escapeHtml(member.userid);
  return `<button type="submit" name="userid" value="${userid}" data-userid="${userid}" id="wecom-scan-${userid}"${primary ? ' class="primary"' : ''}>${escapeHtml(label)}</button>`;
}

/**
 * Stands in for the QR code: instead of scanning with a phone, the tester picks who "scans".
 * The desktop-client shortcut of doc/98171 appears when the session cookie names a member.
 */
export function scanPage(input: ScanPageInput): string {
  const clientMember = input.members.find((member) => member.userid === input.clientUserid);
  const quick = clientMember
    ? `<h2>企业微信快速登录 / WeCom desktop is signed in</h2>
<p>${memberButton(clientMember, `以 ${clientMember.name} 身份登录 / Sign in as ${clientMember.name}`, true)}</p>`
    : '';
  const others = input.members
    .filter((member) => member !== clientMember)
    .map((member) => memberButton(member, `${member.name} (${member.userid})`, false))
    .join('\n');
  return htmlPage(
    `企业微信登录 - ${input.appName}`,
    `<h1>使用企业微信扫码登录「${escapeHtml(input.appName)}」</h1>
<p class="sub">Scan with WeCom to sign in to "${escapeHtml(input.appName)}". Sandbox: pick who scans the QR code.</p>
<form method="post" action="/wwlogin/sso/login/scan">
${hiddenFields(input.fields)}
${quick}
<h2>扫码成员 / Scan as</h2>
<p id="wecom-scan-members">${others || '<span class="sub">(no members seeded)</span>'}</p>
<p><button type="submit" id="wecom-scan-deny" name="decision" value="deny">拒绝登录 / Deny</button></p>
</form>`,
  );
}

/** Login-panel result, in the exact string format `@wecom/jssdk` listens for (wecom-protocol.md §7.4). */
export function panelMessage(
  outcome: { kind: 'success'; code: string } | { kind: 'fail'; errCode: number; errMsg: string },
): string {
  const call =
    outcome.kind === 'success'
      ? { type: 'call', name: 'onLoginSuccess', payload: { code: outcome.code } }
      : { type: 'call', name: 'onLoginFail', payload: { errCode: outcome.errCode, errMsg: outcome.errMsg } };
  return JSON.stringify({ type: 'ww-iframe-handle:call', args: call });
}

/** redirect_type=callback: the panel iframe reports to its parent instead of navigating. */
export function panelCallbackPage(message: string): string {
  return htmlPage(
    '企业微信登录',
    `<p id="wecom-panel-result" data-message="${escapeHtml(message)}">登录结果已发送 / Result sent to the embedding page.</p>
<script>
(function () {
  var message = ${scriptLiteral(message)};
  // The real panel posts from https://login.work.weixin.qq.com; the embedder must accept this sandbox's origin instead.
  if (window.parent && window.parent !== window) { window.parent.postMessage(message, '*'); }
})();
</script>`,
  );
}

/** redirect_type=top: the iframe navigates the whole tab to the callback. */
export function topRedirectPage(url: string): string {
  return htmlPage(
    '企业微信登录',
    `<p><a id="wecom-top-redirect" href="${escapeHtml(url)}" target="_top">继续 / Continue</a></p>
<script>window.top.location.href = ${scriptLiteral(url)};</script>`,
  );
}
