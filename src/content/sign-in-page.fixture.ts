/**
 * Test support: NocoBase's sign-in page as both shells render it (plugin-auth's SignInPage: a vertical Space holding
 * the authenticators' forms, in Tabs when there are several, then the sign-in buttons), reduced to the elements
 * the placement rules look at. Never imported by the extension itself.
 */

export interface SignInPageOptions {
  /** Several authenticators with forms: NocoBase puts them in antd Tabs. */
  tabs?: boolean;
  /** The plugin's own button among the sign-in buttons (its client plugin is installed). */
  pluginButton?: boolean;
  /** No password form: an app that signs in only through SSO buttons. */
  noForm?: boolean;
}

export function renderSignInPage(doc: Document, options: SignInPageOptions = {}): HTMLElement {
  const root = doc.getElementById('root') ?? doc.body.appendChild(doc.createElement('div'));
  root.id = 'root';
  const form =
    '<form class="ant-form"><input name="account" type="text"><input name="password" type="password"></form>';
  const forms = options.noForm
    ? ''
    : options.tabs
      ? `<div class="ant-tabs"><div class="ant-tabs-nav"></div><div class="ant-tabs-tabpane">${form}</div></div>`
      : form;
  const button = options.pluginButton ? '<button data-testid="wecom-sign-in">WeCom</button>' : '';
  root.innerHTML = `<div class="auth-layout"><div class="ant-space ant-space-vertical">
    <div class="ant-space-item">${forms}</div>
    <div class="ant-space-item"><div class="ant-space ant-space-vertical"><button>OIDC</button>${button}</div></div>
  </div></div>`;
  return root;
}

/** The plugin's button arriving late, as the v2 shell's lazily loaded sign-in buttons do. */
export function addPluginButton(doc: Document): void {
  const button = doc.createElement('button');
  button.dataset.testid = 'wecom-sign-in';
  const buttons = doc.querySelectorAll('.ant-space-item .ant-space');
  (buttons[buttons.length - 1] ?? doc.body).append(button);
}
