/**
 * Calls `onChange` after the page changes: its DOM (NocoBase renders late and re-renders at will) or its address
 * (NocoBase is a single-page app: it goes from `/admin` to `/signin` with `history.pushState`, which a content
 * script cannot hook, but which always re-renders). Changes are coalesced into one call per task, so a burst of
 * React commits costs one look at the page. Our own shadow root is not observed: it is not in the page's tree.
 */
export function watchPage(win: Window, onChange: () => void): () => void {
  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    win.setTimeout(() => {
      scheduled = false;
      onChange();
    }, 0);
  };
  const observer = new MutationObserver(schedule);
  // The document itself: at document_start it may have no element yet.
  observer.observe(win.document, { childList: true, subtree: true });
  win.addEventListener('popstate', schedule);
  win.addEventListener('hashchange', schedule);
  schedule();
  return () => {
    observer.disconnect();
    win.removeEventListener('popstate', schedule);
    win.removeEventListener('hashchange', schedule);
  };
}
