import type { BrowserContext, Route } from '@playwright/test';

/** A page of its own on NocoBase's origin that only has the documented tag (docs/script-bundle.md). */
export const PORTAL_PATH = '/e2e/bundle.html';

export function portalHtml(authenticator: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Portal</title>
<style>body { font-family: system-ui, sans-serif; margin: 24px; } #login { max-width: 360px; }</style></head>
<body>
<h1>Company portal</h1>
<p>A page outside NocoBase's client, with WeCom sign-in from one script tag.</p>
<div id="login"></div>
<p id="who"></p>
<script>
  // The event fires while the deferred script runs, so the listener goes first.
  window.signedInEvents = [];
  document.addEventListener('wecom-login:signed-in', (event) => window.signedInEvents.push(event.detail));
</script>
<script src="/api/wecom:script" data-authenticator="${authenticator}" data-target="#login" defer></script>
<script>
  // What a portal would do with the session: ask NocoBase who is signed in.
  addEventListener('DOMContentLoaded', () => {
    const session = window.WeComLogin && window.WeComLogin.session;
    if (!session) return;
    fetch('/api/auth:check', { headers: { Authorization: 'Bearer ' + session.token, 'X-Authenticator': session.authenticator } })
      .then((answer) => answer.json())
      .then((body) => { document.getElementById('who').textContent = 'Signed in to NocoBase as ' + body.data.nickname; });
  });
</script>
</body>
</html>`;
}

/**
 * Serves the portal at PORTAL_PATH on the app's origin in this context.
 *
 * Playwright's route handler only sees the first request of a redirect chain, and a WeCom sign-in is a chain of
 * 302s (authorize → WeCom → callback → the page), so the landing on the portal would reach NocoBase, which has no
 * such page (it answers `.html` paths with a 301 to the path without it). So every top-level navigation is fetched
 * here one hop at a time, and a redirect is handed to the page as a `location.replace` to its target: each hop then
 * starts a new navigation that comes through here. The requests, headers, cookies and answers are the real ones;
 * only the way the browser moves from one hop to the next differs.
 */
export async function servePortal(context: BrowserContext, appUrl: string, authenticator: string): Promise<void> {
  const appOrigin = new URL(appUrl).origin;
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    const frame = request.frame();
    if (!request.isNavigationRequest() || frame.parentFrame() !== null) return route.fallback();
    const url = new URL(request.url());
    if (url.origin === appOrigin && url.pathname === PORTAL_PATH) {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: portalHtml(authenticator) });
    }
    // route.fetch uses the context's cookie jar both ways, so the state-binding cookie travels as it would.
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location;
    if (response.status() >= 300 && response.status() < 400 && location) {
      const next = new URL(location, url).href;
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><script>location.replace(${JSON.stringify(next)});</script>`,
      });
    }
    return route.fulfill({ response });
  });
}
