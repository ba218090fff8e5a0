import { escapeHtml, hiddenFields, htmlPage } from './html.ts';

/** What WeCom shows when an authorize link is opened outside its client (wecom-protocol.md §2). */
export function notInWeComPage(): string {
  return htmlPage(
    '请在企业微信客户端打开链接',
    `<h1 id="wecom-not-in-client">请在企业微信客户端打开链接</h1>
<p class="sub">Please open this link in the WeCom client.</p>
<p class="sub">Sandbox: send a User-Agent containing <code>wxwork/</code> (or <code>wxworklocal/</code>) to simulate the client.</p>`,
  );
}

export function refusalPage(title: string, message: string): string {
  return htmlPage(
    title,
    `<h1 id="wecom-error">${escapeHtml(title)}</h1>
<p id="wecom-error-message">${escapeHtml(message)}</p>`,
  );
}

export function notSignedInPage(): string {
  return refusalPage(
    '未登录企业微信 / not signed in',
    'No WeCom client user: open /__sandbox/session?userid=<userid>&next=<this URL>, or configure defaultClientUser.',
  );
}

/** The fields snsapi_privateinfo asks for, as listed on WeCom's consent page (doc/96441). */
const PRIVATE_FIELDS = [
  '头像 avatar',
  '性别 gender',
  '手机 mobile',
  '邮箱 email',
  '企业邮箱 biz_mail',
  '员工个人二维码 qr_code',
  '地址 address',
];

export interface ConsentPageInput {
  appName: string;
  memberName: string;
  /** Posted back unchanged: appid, redirect_uri, scope, state, agentid, userid. */
  fields: Record<string, string>;
}

export function consentPage(input: ConsentPageInput): string {
  const items = PRIVATE_FIELDS.map((field) => `<li>${escapeHtml(field)}</li>`).join('');
  return htmlPage(
    `${input.appName} 申请获取你的信息`,
    `<h1>「${escapeHtml(input.appName)}」申请获取你的以下信息</h1>
<p class="sub">${escapeHtml(input.memberName)}, the app "${escapeHtml(input.appName)}" asks for:</p>
<ul id="wecom-consent-fields">${items}</ul>
<form method="post" action="/connect/oauth2/authorize/consent">
${hiddenFields(input.fields)}
<button type="submit" class="primary" id="wecom-consent-allow" name="decision" value="allow">允许 Allow</button>
<button type="submit" id="wecom-consent-deny" name="decision" value="deny">拒绝 Deny</button>
</form>`,
  );
}
