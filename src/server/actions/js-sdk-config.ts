import type { WeComServices } from '../services';
import { SignInError } from '../sign-in-error';
import { createJsSdkSignature } from '../wecom/signature';
import { throwAsJson, weComAuthNamed } from './respond';
import type { WeComAction } from './sign-in';

/** POST `{ url }`, header X-Authenticator → what `ww.register` needs to sign `config` and `agentConfig`. */
export function getJsSdkConfig(services: WeComServices): WeComAction {
  return async (ctx, next) => {
    try {
      const auth = await weComAuthNamed(ctx, ctx.get('X-Authenticator'));
      const { url } = (ctx.action.params.values ?? {}) as { url?: unknown };
      const { settings } = auth;
      if (typeof url !== 'string' || !URL.canParse(url) || new URL(url).origin !== settings.origin) {
        throw new SignInError('PAGE_URL_INVALID', { status: 400 });
      }
      const corpApp = services.corpApp(settings);
      const [corpTicket, agentTicket] = await Promise.all([corpApp.corpTicket.get(), corpApp.agentTicket.get()]);
      const now = services.now();
      ctx.body = {
        corpId: settings.corpId,
        agentId: settings.agentId,
        config: createJsSdkSignature(corpTicket, url, now),
        agentConfig: createJsSdkSignature(agentTicket, url, now),
      };
    } catch (error) {
      throwAsJson(ctx, error);
    }
    await next();
  };
}
