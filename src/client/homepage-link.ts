/**
 * The link an admin pastes as the app's homepage in WeCom's workbench: the backend's authorize action, which
 * signs the employee in before any client code runs and lands on `redirectPath`.
 */
export function workbenchHomepageLink(input: {
  origin?: unknown;
  name?: unknown;
  redirectPath?: unknown;
}): string | null {
  if (typeof input.origin !== 'string' || !URL.canParse(input.origin)) return null;
  const origin = new URL(input.origin);
  if (!/^https?:$/.test(origin.protocol)) return null;
  const link = new URL('/api/wecom:authorize', origin.origin);
  link.searchParams.set('authenticator', typeof input.name === 'string' && input.name ? input.name : 'wecom');
  link.searchParams.set(
    'redirect',
    typeof input.redirectPath === 'string' && input.redirectPath.startsWith('/') ? input.redirectPath : '/admin',
  );
  return link.href;
}
