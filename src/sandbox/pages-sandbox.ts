import { CONTROL_ENDPOINTS, CONTROL_PATHS } from './control-paths.ts';
import { isVisible } from './directory.ts';
import { escapeHtml, htmlPage } from './html.ts';
import type { SandboxMember, SandboxSettings } from './types.ts';

export interface HomePageInput {
  baseUrl: string;
  settings: SandboxSettings;
  members: readonly SandboxMember[];
  /** Raw session cookie value, to show who the simulated client is signed in as. */
  clientUser: string | undefined;
}

function sessionLink(userid: string, label: string): string {
  const href = `${CONTROL_PATHS.session}?${new URLSearchParams({ userid, next: '/' })}`;
  return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
}

/**
 * The landing page: admins trying the plugin before they have a corp need the CorpID, agent ids and
 * secrets to type into NocoBase, and a way to pick who is "signed in to WeCom".
 */
export function homePage(input: HomePageInput): string {
  const { settings, baseUrl } = input;
  const apps = settings.apps
    .map(
      (
        app,
      ) => `<tr><td>${app.agentId}</td><td>${escapeHtml(app.name)}</td><td><code>${escapeHtml(app.secret)}</code></td>
<td><code>${escapeHtml(app.trustedDomain)}</code></td><td>${app.trustedIps === null ? 'off' : escapeHtml(app.trustedIps.join(', ') || '(none allowed)')}</td>
<td>${app.createdBefore20220620 ? 'before 2022-06-20' : 'after 2022-06-20'}</td>
<td>${app.disabled ? '<strong>disabled (停用)</strong>' : 'enabled'}</td></tr>`,
    )
    .join('\n');
  const members = input.members
    .map(
      (member) => `<tr><td><code>${escapeHtml(member.userid)}</code></td><td>${escapeHtml(member.name)}</td>
<td>${escapeHtml(member.mobile ?? '')}</td><td>${escapeHtml(member.email ?? '')}</td><td>${isVisible(member) ? 'yes' : 'no'}</td>
<td>${sessionLink(member.userid, 'sign in')}</td></tr>`,
    )
    .join('\n');
  const endpoints = CONTROL_ENDPOINTS.map(
    (endpoint) =>
      `<tr><td>${endpoint.method}</td><td><code>${escapeHtml(endpoint.path)}</code></td><td>${escapeHtml(endpoint.description)}</td></tr>`,
  ).join('\n');
  const client = input.clientUser ?? settings.defaultClientUser ?? null;
  return htmlPage(
    'WeCom sandbox',
    `<h1>WeCom sandbox · 企业微信模拟环境</h1>
<p class="sub">A stand-in for WeCom's servers. Point the plugin's API, OAuth and login base URLs at <code>${escapeHtml(baseUrl)}</code>.</p>
<h2>Corp</h2>
<p>CorpID <code id="sandbox-corp-id">${escapeHtml(settings.corpId)}</code></p>
<h2>Apps</h2>
<table><tr><th>AgentId</th><th>Name</th><th>Secret</th><th>Trusted domain</th><th>Trusted IPs</th><th>Created</th><th>State</th></tr>
${apps}</table>
<h2>Members</h2>
<p>WeCom client signed in as: <strong id="sandbox-client-user">${escapeHtml(client ?? '(nobody)')}</strong>
· ${sessionLink('', 'sign out')} · ${sessionLink('openid:guest', 'non-member')}</p>
<table><tr><th>userid</th><th>Name</th><th>Mobile</th><th>Email</th><th>Visible</th><th></th></tr>
${members || '<tr><td colspan="6">(no members seeded)</td></tr>'}</table>
<h2>Control API</h2>
<table>${endpoints}</table>`,
  );
}

export function sessionPage(clientUser: string): string {
  const text =
    clientUser === '' ? 'Signed out of the WeCom client.' : `Signed in to the WeCom client as ${clientUser}.`;
  return htmlPage(
    'WeCom sandbox session',
    `<p id="sandbox-session">${escapeHtml(text)}</p><p><a href="/">Back</a></p>`,
  );
}
