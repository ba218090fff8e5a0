/**
 * Where the extension's entry goes on NocoBase's sign-in page, and when it goes away. NocoBase renders the page
 * late (after its plugins load) and re-renders it at will, so these rules are applied again on every change of the
 * DOM; each call either changes nothing or moves the one host element, so applying them is idempotent.
 */

/** The host element's attribute: how a test, or a second copy of the content script, finds the entry. */
export const HOST_ATTRIBUTE = 'data-wecom-extension';
/** Where the host was put: after NocoBase's form, or floating when no form showed within the wait. */
export const PLACEMENT_ATTRIBUTE = 'data-wecom-extension-placement';
/** The plugin's own button (`src/client/SignInButton.tsx`): where it is, the extension adds nothing. */
export const PLUGIN_BUTTON_SELECTOR = '[data-testid="wecom-sign-in"]';

export type Placement =
  /** Moved after NocoBase's form, or floating, this call. */
  | 'placed'
  /** Already where it belongs. */
  | 'kept'
  /** The plugin's own button is on the page: no entry (removed if it was there). */
  | 'plugin-button'
  /** Nothing to place it after yet, and still within the wait. */
  | 'waiting';

/** Whether the origin's NocoBase shows the plugin's own "Sign in with WeCom" (its client plugin is there). */
export function hasPluginButton(root: ParentNode): boolean {
  return root.querySelector(PLUGIN_BUTTON_SELECTOR) !== null;
}

/**
 * What the entry goes after: NocoBase's sign-in form (the one with a password field, else any), or the tabs that
 * hold it when several authenticators have forms, so the entry shows whichever tab is open.
 */
export function findAnchor(root: ParentNode): Element | null {
  const password = root.querySelector('form input[type="password"]')?.closest('form');
  const form = password ?? root.querySelector('form');
  if (!form) return null;
  return form.closest('.ant-tabs') ?? form;
}

export interface PlaceOptions {
  /** Asked only when there is no form: whether the wait for it is over, so that the entry floats instead. */
  mayFloat(): boolean;
}

/**
 * Puts `host` after NocoBase's sign-in form, once: any other element carrying the host attribute (a previous copy
 * of the content script's) is removed, and the entry goes away when the plugin's own button is there, whether that
 * button came first or after. The entry is outside any form, so that pressing Enter in NocoBase's fields never
 * reaches it.
 */
export function placeEntry(doc: Document, host: HTMLElement, options: PlaceOptions): Placement {
  for (const other of Array.from(doc.querySelectorAll(`[${HOST_ATTRIBUTE}]`))) if (other !== host) other.remove();
  if (hasPluginButton(doc)) {
    host.remove();
    return 'plugin-button';
  }
  const anchor = findAnchor(doc);
  if (anchor) {
    if (anchor.nextElementSibling === host && host.getAttribute(PLACEMENT_ATTRIBUTE) === 'form') return 'kept';
    host.setAttribute(PLACEMENT_ATTRIBUTE, 'form');
    anchor.after(host);
    return 'placed';
  }
  // The form went with a re-render but the entry did not: it stays until there is a better place.
  if (host.isConnected) return 'kept';
  if (!doc.body || !options.mayFloat()) return 'waiting';
  host.setAttribute(PLACEMENT_ATTRIBUTE, 'floating');
  doc.body.append(host);
  return 'placed';
}
