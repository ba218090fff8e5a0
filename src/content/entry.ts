import { createWeComMark, WECOM_BLUE } from '../sdk-shim/wecom-mark';
import { HOST_ATTRIBUTE, PLACEMENT_ATTRIBUTE } from './placement';

/** The overlay's host element, apart from the entry's (`HOST_ATTRIBUTE`), which the placement rules move. */
export const OVERLAY_ATTRIBUTE = 'data-wecom-extension-overlay';

/**
 * The entry the extension adds to NocoBase's sign-in page: WeCom's mark, "Sign in with WeCom" and the callback's
 * error; and, once asked for, an overlay holding WeCom's embedded login panel. Each is in a shadow root, so
 * NocoBase's styles (antd's resets, its theme) do not reach them and theirs do not reach NocoBase. The roots are
 * open so that tests can look in; the page can see the entry either way.
 */

export interface EntryTexts {
  signIn: string;
  panelHint: string;
  close: string;
}

export interface EntryView {
  /** The element placed in NocoBase's page; it carries `data-wecom-extension="entry"`. */
  host: HTMLElement;
  onSignIn(handler: () => void): void;
  setBusy(busy: boolean): void;
  /** Null hides the error line. */
  showError(message: string | null): void;
  /**
   * Opens the overlay and gives the element WeCom's panel goes in; `onClose` runs when it closes (the close button,
   * a click beside it, Escape, or `closePanel`).
   */
  openPanel(onClose: () => void): HTMLElement;
  closePanel(): void;
}

/** The test ids inside the shadow root, for the e2e tests. */
export const ENTRY_TEST_IDS = {
  button: 'wecom-extension-sign-in',
  error: 'wecom-extension-error',
  overlay: 'wecom-extension-overlay',
  panel: 'wecom-extension-panel',
  close: 'wecom-extension-close',
} as const;

const STYLE = `
:host { all: initial; display: block; margin-top: 16px; font: 14px/1.5715 -apple-system, BlinkMacSystemFont,
  "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: rgba(0, 0, 0, 0.88); }
:host([${PLACEMENT_ATTRIBUTE}="floating"]) { position: fixed; right: 24px; bottom: 24px; z-index: 2147483646;
  margin: 0; padding: 12px; width: 280px; background: #fff; border-radius: 8px;
  box-shadow: 0 6px 16px rgba(0, 0, 0, 0.12), 0 3px 6px -4px rgba(0, 0, 0, 0.16); }
:host([${OVERLAY_ATTRIBUTE}]) { margin: 0; }
[hidden] { display: none !important; }
.error { margin: 0 0 8px; padding: 8px 12px; border: 1px solid #ffccc7; border-radius: 8px; background: #fff2f0; }
.button { box-sizing: border-box; display: flex; align-items: center; justify-content: center; gap: 8px;
  width: 100%; height: 32px; padding: 4px 15px; border: 1px solid #d9d9d9; border-radius: 6px; background: #fff;
  color: inherit; font: inherit; cursor: pointer; }
.button:hover:not(:disabled) { border-color: ${WECOM_BLUE}; color: ${WECOM_BLUE}; }
.button:focus-visible { outline: 2px solid #91caff; outline-offset: 1px; }
.button:disabled { cursor: progress; opacity: 0.65; }
.mark { flex: none; width: 18px; height: 18px; color: ${WECOM_BLUE}; }
.overlay { position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: center;
  justify-content: center; background: rgba(0, 0, 0, 0.45); }
.dialog { position: relative; box-sizing: border-box; max-width: calc(100vw - 32px); padding: 20px 24px 24px;
  border-radius: 8px; background: #fff; }
.hint { margin: 0 32px 12px 0; color: rgba(0, 0, 0, 0.45); }
.panel { min-width: 480px; min-height: 416px; }
.close { position: absolute; top: 12px; right: 12px; width: 28px; height: 28px; border: 0; border-radius: 4px;
  background: transparent; color: rgba(0, 0, 0, 0.45); font: 20px/1 sans-serif; cursor: pointer; }
.close:hover { background: rgba(0, 0, 0, 0.06); }
`;

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  testId?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  if (testId) node.dataset.testid = testId;
  return node;
}

function styled(doc: Document, host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  root.append(style);
  return root;
}

interface Overlay {
  host: HTMLElement;
  panel: HTMLElement;
  close: HTMLButtonElement;
}

/**
 * The overlay holding WeCom's panel, a host of its own at the end of `<body>`, outside the tree NocoBase's React
 * renders: the entry is moved whenever NocoBase re-renders its form, and an iframe that moves reloads, which would
 * start WeCom's panel (its QR code) over again.
 */
function createOverlay(doc: Document, texts: EntryTexts, onDismiss: () => void): Overlay {
  const host = doc.createElement('div');
  host.setAttribute(OVERLAY_ATTRIBUTE, '');
  const root = styled(doc, host);
  const overlay = element(doc, 'div', 'overlay', ENTRY_TEST_IDS.overlay);
  const dialog = element(doc, 'div', 'dialog');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', texts.signIn);
  const close = element(doc, 'button', 'close', ENTRY_TEST_IDS.close);
  close.type = 'button';
  close.setAttribute('aria-label', texts.close);
  close.textContent = '×';
  const hint = element(doc, 'p', 'hint');
  hint.textContent = texts.panelHint;
  const panel = element(doc, 'div', 'panel', ENTRY_TEST_IDS.panel);
  dialog.append(close, hint, panel);
  overlay.append(dialog);
  root.append(overlay);
  close.addEventListener('click', onDismiss);
  overlay.addEventListener('click', (event) => {
    if (event.target === overlay) onDismiss();
  });
  return { host, panel, close };
}

export function createEntry(doc: Document, texts: EntryTexts): EntryView {
  const host = doc.createElement('div');
  host.setAttribute(HOST_ATTRIBUTE, 'entry');
  const root = styled(doc, host);
  const error = element(doc, 'p', 'error', ENTRY_TEST_IDS.error);
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const button = element(doc, 'button', 'button', ENTRY_TEST_IDS.button);
  button.type = 'button';
  const label = doc.createElement('span');
  label.textContent = texts.signIn;
  // WeCom's mark (hidden from assistive technology), so that the label alone names the button.
  button.append(createWeComMark(doc, { className: 'mark' }), label);
  root.append(error, button);

  let open: { overlay: Overlay; onClose: () => void } | null = null;
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') closePanel();
  };
  function closePanel(): void {
    if (!open) return;
    const { overlay, onClose } = open;
    open = null;
    doc.removeEventListener('keydown', onKey, true);
    // Removed, not hidden: WeCom's SDK leaves its iframe's listeners with the element, so each panel gets a new one.
    overlay.host.remove();
    onClose();
  }

  return {
    host,
    onSignIn(handler) {
      button.addEventListener('click', handler);
    },
    setBusy(busy) {
      button.disabled = busy;
      button.setAttribute('aria-busy', String(busy));
    },
    showError(message) {
      error.textContent = message ?? '';
      error.hidden = message === null;
    },
    openPanel(onClose) {
      closePanel();
      const overlay = createOverlay(doc, texts, closePanel);
      open = { overlay, onClose };
      (doc.body ?? doc.documentElement).append(overlay.host);
      // On the document, in the capture phase: wherever the focus is (NocoBase's fields, WeCom's iframe aside).
      doc.addEventListener('keydown', onKey, true);
      overlay.close.focus();
      return overlay.panel;
    },
    closePanel,
  };
}
