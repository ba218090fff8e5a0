// @vitest-environment jsdom
import { createEntry } from './entry';
import { findAnchor, HOST_ATTRIBUTE, PLACEMENT_ATTRIBUTE, placeEntry } from './placement';
import { addPluginButton, renderSignInPage } from './sign-in-page.fixture';

const texts = { signIn: 'Sign in with WeCom', panelHint: 'Scan', close: 'Close' };
const waiting = { mayFloat: () => false };
const hosts = () => document.querySelectorAll(`[${HOST_ATTRIBUTE}]`);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('placeEntry', () => {
  it("goes right after NocoBase's password form, outside it, once", () => {
    renderSignInPage(document);
    const { host } = createEntry(document, texts);
    expect(placeEntry(document, host, waiting)).toBe('placed');
    const form = document.querySelector('form');
    expect(form?.nextElementSibling).toBe(host);
    expect(form?.contains(host)).toBe(false);
    expect(host.getAttribute(PLACEMENT_ATTRIBUTE)).toBe('form');
    expect(placeEntry(document, host, waiting)).toBe('kept');
    expect(hosts()).toHaveLength(1);
  });

  it('goes after the tabs when several authenticators have forms, so it shows on every tab', () => {
    renderSignInPage(document, { tabs: true });
    const { host } = createEntry(document, texts);
    placeEntry(document, host, waiting);
    expect(document.querySelector('.ant-tabs')?.nextElementSibling).toBe(host);
  });

  it('prefers the password form to any other form on the page', () => {
    renderSignInPage(document);
    document.querySelector('#root')?.insertAdjacentHTML('afterbegin', '<form id="language"><select></select></form>');
    expect(findAnchor(document)).toBe(document.querySelector('form.ant-form'));
  });

  it('comes back after NocoBase re-renders the form, without a second copy', () => {
    renderSignInPage(document);
    const { host } = createEntry(document, texts);
    placeEntry(document, host, waiting);
    // React replacing the page's subtree takes the entry with it.
    renderSignInPage(document, { tabs: true });
    expect(host.isConnected).toBe(false);
    expect(placeEntry(document, host, waiting)).toBe('placed');
    expect(document.querySelector('.ant-tabs')?.nextElementSibling).toBe(host);
    expect(hosts()).toHaveLength(1);
  });

  it('follows the form when it moves but the entry stays behind', () => {
    renderSignInPage(document);
    const { host } = createEntry(document, texts);
    placeEntry(document, host, waiting);
    const form = document.querySelector('form');
    const elsewhere = document.createElement('section');
    document.querySelector('#root')?.append(elsewhere);
    if (form) elsewhere.append(form);
    expect(placeEntry(document, host, waiting)).toBe('placed');
    expect(form?.nextElementSibling).toBe(host);
  });

  it("adds nothing where the plugin's own button is", () => {
    renderSignInPage(document, { pluginButton: true });
    const { host } = createEntry(document, texts);
    expect(placeEntry(document, host, waiting)).toBe('plugin-button');
    expect(hosts()).toHaveLength(0);
  });

  it("goes away when the plugin's button appears after it", () => {
    renderSignInPage(document);
    const { host } = createEntry(document, texts);
    placeEntry(document, host, waiting);
    addPluginButton(document);
    expect(placeEntry(document, host, waiting)).toBe('plugin-button');
    expect(host.isConnected).toBe(false);
  });

  it('removes any other copy of the entry, such as an earlier content script left', () => {
    renderSignInPage(document);
    const stale = createEntry(document, texts).host;
    document.body.append(stale);
    const { host } = createEntry(document, texts);
    placeEntry(document, host, waiting);
    expect(stale.isConnected).toBe(false);
    expect([...hosts()]).toEqual([host]);
  });

  it('waits for the form, then floats, then moves to the form once it shows', () => {
    renderSignInPage(document, { noForm: true });
    const { host } = createEntry(document, texts);
    const mayFloat = vi.fn(() => false);
    expect(placeEntry(document, host, { mayFloat })).toBe('waiting');
    expect(host.isConnected).toBe(false);
    mayFloat.mockReturnValue(true);
    expect(placeEntry(document, host, { mayFloat })).toBe('placed');
    expect(host.parentElement).toBe(document.body);
    expect(host.getAttribute(PLACEMENT_ATTRIBUTE)).toBe('floating');
    expect(placeEntry(document, host, { mayFloat })).toBe('kept');
    renderSignInPage(document);
    mayFloat.mockClear();
    expect(placeEntry(document, host, { mayFloat })).toBe('placed');
    expect(document.querySelector('form')?.nextElementSibling).toBe(host);
    expect(host.getAttribute(PLACEMENT_ATTRIBUTE)).toBe('form');
    // The wait is asked about only when there is no form.
    expect(mayFloat).not.toHaveBeenCalled();
  });
});
