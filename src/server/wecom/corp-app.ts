import {
  fetchAccessToken,
  getAgentJsapiTicket,
  getCorpJsapiTicket,
  getMember,
  getUserDetail,
  getUserInfoByCode,
} from './api';
import { CachedCredential, type CredentialSource } from './credential-cache';
import { isStaleTokenError } from './errors';
import type { WeComHttp } from './request';
import type { CodeIdentity, Member, UserDetail } from './schemas';

export interface CorpAppIdentity {
  corpId: string;
  agentId: string;
  /** Changes whenever the secret does: a new secret must not reuse the old secret's token. */
  secretTag: string;
  /** Read only when a token is fetched, so that holding a client costs no read of the secret. */
  secret: () => Promise<string>;
}

/**
 * One self-built WeCom app (corp ID + AgentId + Secret): its calls, with the access token and JS-SDK
 * tickets cached per app. Long-lived, so concurrent sign-ins share one token fetch.
 */
export class WeComCorpApp {
  readonly accessToken: CachedCredential;
  readonly corpTicket: CachedCredential;
  readonly agentTicket: CachedCredential;

  constructor(
    readonly identity: CorpAppIdentity,
    readonly http: WeComHttp,
    source: CredentialSource,
  ) {
    const scope = `${identity.corpId}:${identity.agentId}:${identity.secretTag}`;
    this.accessToken = new CachedCredential(source, `token:${scope}`, async () => {
      const token = await fetchAccessToken(http, identity.corpId, await identity.secret());
      return { value: token.access_token, expiresInSeconds: token.expires_in };
    });
    this.corpTicket = new CachedCredential(source, `corp-ticket:${scope}`, async () => {
      const ticket = await this.withAccessToken((token) => getCorpJsapiTicket(http, token));
      return { value: ticket.ticket, expiresInSeconds: ticket.expires_in };
    });
    this.agentTicket = new CachedCredential(source, `agent-ticket:${scope}`, async () => {
      const ticket = await this.withAccessToken((token) => getAgentJsapiTicket(http, token));
      return { value: ticket.ticket, expiresInSeconds: ticket.expires_in };
    });
  }

  /** Runs `call` with the cached token; when WeCom calls the token stale (40014/42001) it is renewed once. */
  async withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken.get();
    try {
      return await call(token);
    } catch (error) {
      if (!isStaleTokenError(error)) throw error;
      await this.accessToken.invalidate(token);
      return call(await this.accessToken.get());
    }
  }

  identifyCode(code: string): Promise<CodeIdentity> {
    return this.withAccessToken((token) => getUserInfoByCode(this.http, token, code));
  }

  userDetail(userTicket: string): Promise<UserDetail> {
    return this.withAccessToken((token) => getUserDetail(this.http, token, userTicket));
  }

  member(userid: string): Promise<Member> {
    return this.withAccessToken((token) => getMember(this.http, token, userid));
  }
}
