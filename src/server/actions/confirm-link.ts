import type { Context } from '@nocobase/actions';
import type { Model } from '@nocobase/database';
import { z } from 'zod';
import type { SignInErrorCode } from '../../shared/sign-in-errors';
import { confirmLinkPageHeaders, renderConfirmLinkPage } from '../confirm-link-page';
import { bindMember } from '../link-user';
import { pageLocale } from '../page-locale';
import type { PendingLink } from '../pending-link';
import type { WeComServices } from '../services';
import { translate } from '../translate';
import type { WeComAuth } from '../wecom-auth';
import { landingUrl } from './landing-redirect';
import { signInPageUrl, weComAuthNamed } from './respond';
import type { WeComAction } from './sign-in';

const formSchema = z.object({ nonce: z.string().optional(), password: z.string().optional() });

/** The form's fields; anything that is not a string counts as missing. */
function formOf(ctx: Context): z.output<typeof formSchema> {
  const parsed = formSchema.safeParse(ctx.action.params.values ?? {});
  return parsed.success ? parsed.data : {};
}

interface PasswordField {
  verify(password: string, hash: string): Promise<boolean>;
}

/** NocoBase's own check of a password against a user's stored hash, as its password sign-in does. */
async function passwordMatches(ctx: Context, user: Model, password: string): Promise<boolean> {
  const field: unknown = ctx.db.getCollection('users').getField('password');
  const hash: unknown = user.get('password');
  if (typeof hash !== 'string' || hash === '') return false;
  if (typeof field !== 'object' || field === null || !('verify' in field) || typeof field.verify !== 'function') {
    return false;
  }
  return (field as PasswordField).verify(password, hash);
}

/**
 * `GET`: the page that asks for the password of the NocoBase account the member's phone matched; `POST`
 * `{ nonce, password }`: checks it and, when right, links the member, signs them in and sends them to the landing.
 * Everything comes from this browser's pending-link cookie, so a browser without it has nothing to confirm, and
 * the page never starts a sign-in, so inside the WeCom client it cannot loop.
 */
export function confirmLink(services: WeComServices): WeComAction {
  return async (ctx, next) => {
    const link = services.linkConfirmations.current(ctx);
    let auth: WeComAuth | null = null;
    try {
      auth = link ? await weComAuthNamed(ctx, link.authenticator) : null;
    } catch {
      auth = null;
    }
    if (!link || !auth) {
      ctx.redirect(
        signInPageUrl(null, link ? 'AUTHENTICATOR_UNAVAILABLE' : 'STATE_INVALID', link?.landing, services.paths),
      );
    } else if (ctx.method === 'POST') {
      await submit(ctx, services, auth, link);
    } else {
      await show(ctx, services, auth, link, null);
    }
    await next();
  };
}

/** Ends the pending link on the sign-in page, saying why. */
function refuse(
  ctx: Context,
  services: WeComServices,
  auth: WeComAuth,
  link: PendingLink,
  code: SignInErrorCode,
): void {
  services.linkConfirmations.end(ctx);
  ctx.logger?.info?.('WeCom link not confirmed', { authenticator: auth.name, userid: link.userid, reason: code });
  ctx.redirect(signInPageUrl(auth, code, link.landing, services.paths));
}

async function show(
  ctx: Context,
  services: WeComServices,
  auth: WeComAuth,
  link: PendingLink,
  error: { key: string; params?: Record<string, string> } | null,
): Promise<void> {
  if (await services.linkConfirmations.used(link)) return refuse(ctx, services, auth, link, 'STATE_INVALID');
  const left = await services.linkConfirmations.attemptsLeft(link);
  if (left <= 0) return refuse(ctx, services, auth, link, 'LINK_ATTEMPTS_EXCEEDED');
  const lng = pageLocale({
    xLocale: ctx.get('X-Locale'),
    acceptLanguage: ctx.get('Accept-Language'),
    fallback: (ctx.app as { i18n?: { language?: string } }).i18n?.language,
  });
  const t = (key: string, params: Record<string, string> = {}): string => translate(ctx, key, { ...params, lng });
  ctx.withoutDataWrapping = true;
  ctx.set(confirmLinkPageHeaders(auth.settings.origin));
  ctx.type = 'text/html; charset=utf-8';
  ctx.status = 200;
  ctx.body = renderConfirmLinkPage(
    {
      lang: lng,
      action: `${services.paths.apiBasePath}wecom:confirmLink`,
      nonce: link.nonce,
      cancelUrl: signInPageUrl(auth, 'LINK_BY_ADMIN', link.landing, services.paths),
      error: error ? t(error.key, error.params) : undefined,
    },
    t,
  );
}

async function submit(ctx: Context, services: WeComServices, auth: WeComAuth, link: PendingLink): Promise<void> {
  const confirmations = services.linkConfirmations;
  const form = formOf(ctx);
  // The cookie alone does not vouch for a post: SameSite=Lax keeps it off other sites' posts, and the nonce, which
  // only our page shows, keeps out a post from anywhere else that got the cookie sent. Nothing is spent here.
  if (form.nonce !== link.nonce) {
    ctx.logger?.warn?.('WeCom link confirmation posted without its nonce', { authenticator: auth.name });
    ctx.redirect(signInPageUrl(auth, 'STATE_INVALID', link.landing, services.paths));
    return;
  }
  if (await confirmations.used(link)) return refuse(ctx, services, auth, link, 'STATE_INVALID');
  if (!form.password) return show(ctx, services, auth, link, { key: 'Enter the password of the NocoBase account.' });
  const attempt = await confirmations.attempt(link);
  if (!attempt.allowed) return refuse(ctx, services, auth, link, 'LINK_ATTEMPTS_EXCEEDED');
  const user: Model | null = await ctx.db.getRepository('users').findOne({ filterByTk: link.userId });
  if (!user) return refuse(ctx, services, auth, link, 'USER_NOT_FOUND');
  if (!(await passwordMatches(ctx, user, form.password))) {
    ctx.logger?.info?.('Wrong password to confirm a WeCom link', {
      authenticator: auth.name,
      userid: link.userid,
      userId: link.userId,
      attemptsLeft: attempt.left,
    });
    if (attempt.left <= 0) return refuse(ctx, services, auth, link, 'LINK_ATTEMPTS_EXCEEDED');
    return show(ctx, services, auth, link, {
      key: 'The password is incorrect. Attempts left: {{left}}',
      params: { left: String(attempt.left) },
    });
  }
  // The admin may have turned linking by phone off since the link was offered.
  if (auth.settings.linkByPhone === 'never') return refuse(ctx, services, auth, link, 'LINK_BY_ADMIN');
  if (!(await confirmations.claim(link))) return refuse(ctx, services, auth, link, 'STATE_INVALID');
  const bound = await bindMember(auth.linkScope, link.userid, link.userId, { how: 'confirmation' });
  if (!bound.ok) {
    const codes = {
      MEMBER_LINKED_ELSEWHERE: 'MEMBER_LINKED_ELSEWHERE',
      USER_LINKED_ELSEWHERE: 'PHONE_BOUND_ELSEWHERE',
      USER_NOT_FOUND: 'USER_NOT_FOUND',
    } as const satisfies Record<typeof bound.reason, SignInErrorCode>;
    return refuse(ctx, services, auth, link, codes[bound.reason]);
  }
  confirmations.end(ctx);
  ctx.logger?.info?.('WeCom member linked after confirming with the password', {
    authenticator: auth.name,
    userid: link.userid,
    userId: link.userId,
  });
  const token = await auth.issueSession(bound.user);
  ctx.redirect(
    landingUrl(ctx, { origin: auth.settings.origin, landing: link.landing, token, authenticator: auth.name }),
  );
}
