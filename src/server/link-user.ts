import { createHash } from 'node:crypto';
import type Database from '@nocobase/database';
import type { Model } from '@nocobase/database';
import { mobileSearchTail, normaliseMobile } from './mobile';
import { SignInError } from './sign-in-error';
import type { RunExclusive } from './wecom/credential-cache';

export interface LinkScope {
  db: Database;
  /** Bindings are per authenticator: `usersAuthenticators (authenticator, uuid = WeCom userid)`. */
  authenticator: string;
  runExclusive: RunExclusive;
}

/** The NocoBase user bound to this WeCom userid, if any. */
export async function findLinkedUser(scope: LinkScope, userid: string): Promise<Model | null> {
  const binding = await scope.db
    .getRepository('usersAuthenticators')
    .findOne({ filter: { authenticator: scope.authenticator, uuid: userid }, fields: ['userId'] });
  const userId: unknown = binding?.get('userId');
  if (userId === undefined || userId === null) return null;
  return scope.db.getRepository('users').findOne({ filterByTk: userId as number });
}

/** Users whose phone is this number in any spelling (`+86 138-…`, `138…`). */
async function usersWithMobile(db: Database, mobile: string): Promise<Model[]> {
  const candidates = await db
    .getRepository('users')
    .find({ filter: { phone: { $includes: mobileSearchTail(mobile) } } });
  return candidates.filter((user: Model) => normaliseMobile(user.get('phone') as string | null) === mobile);
}

export interface WeComProfile {
  userid: string;
  mobile: string;
  /** The member's name in WeCom, for a new user's nickname. */
  name: () => Promise<string>;
}

/**
 * Binds the WeCom member to the NocoBase user with the same phone number, or creates that user when allowed.
 * Runs under a lock per member, so a double callback cannot create the user twice.
 */
export async function linkByMobile(scope: LinkScope, profile: WeComProfile, autoSignup: boolean): Promise<Model> {
  const mobile = normaliseMobile(profile.mobile);
  if (!mobile) throw new SignInError('MOBILE_UNAVAILABLE');
  // One lock per bucket of members, not per member: NocoBase's local lock manager keeps every key it saw.
  const bucket = createHash('sha1').update(profile.userid).digest('hex').slice(0, 2);
  return scope.runExclusive(`link:${scope.authenticator}:${bucket}`, async () => {
    const linked = await findLinkedUser(scope, profile.userid);
    if (linked) return linked;
    const authenticator = await scope.db
      .getRepository('authenticators')
      .findOne({ filter: { name: scope.authenticator } });
    if (!authenticator) throw new SignInError('AUTHENTICATOR_UNAVAILABLE');
    const matches = await usersWithMobile(scope.db, mobile);
    if (matches.length > 1) throw new SignInError('PHONE_AMBIGUOUS');
    const [match] = matches;
    if (match) {
      const other = await scope.db
        .getRepository('usersAuthenticators')
        .findOne({ filter: { authenticator: scope.authenticator, userId: match.get('id') } });
      if (other) throw new SignInError('PHONE_BOUND_ELSEWHERE');
      // AuthModel (plugin-auth) adds the binding row with the WeCom userid as uuid.
      await (authenticator as AuthModelLike).addUser(match, { through: { uuid: profile.userid } });
      return match;
    }
    if (!autoSignup) throw new SignInError('USER_NOT_FOUND');
    const nickname = await profile.name();
    return (authenticator as AuthModelLike).newUser(profile.userid, {
      nickname: nickname || profile.userid,
      phone: mobile,
    });
  });
}

/** The methods of plugin-auth's `AuthModel` used here. */
interface AuthModelLike {
  addUser(user: Model, options: { through: { uuid: string } }): Promise<unknown>;
  newUser(uuid: string, values: Record<string, unknown>): Promise<Model>;
}
