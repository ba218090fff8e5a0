import type Database from '@nocobase/database';
import type { Model } from '@nocobase/database';
import { z } from 'zod';
import { decideLink, type LinkSettings, type PhoneMatch } from './link-decision';
import { type LinkRecord, withLinkRecord } from './link-record';
import { mobileSearchTail, normaliseMobile } from './mobile';
import { SignInError } from './sign-in-error';
import type { RunExclusive } from './wecom/credential-cache';

export interface LinkScope {
  db: Database;
  /** Bindings are per authenticator: `usersAuthenticators (authenticator, uuid = WeCom userid)`. */
  authenticator: string;
  runExclusive: RunExclusive;
  /** Where an admin reads why a member was not linked. */
  logger?: { warn?(message: string, meta: object): unknown; info?(message: string, meta: object): unknown };
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
  // The tail only narrows the search: `13600000002` shares it with `13900000002`, and is another number.
  return candidates.filter((user: Model) => normaliseMobile(user.get('phone') as string | null) === mobile);
}

const idSchema = z.coerce.number().int().positive();
const roleRowSchema = z.object({ userId: idSchema, roleName: z.string() });
const bindingRowSchema = z.object({ userId: idSchema, uuid: z.string() });

/**
 * What the decision needs to know of each user with the number: roles (plugin-acl's `rolesUsers`), password, and
 * links to other members. A link to this member itself, made meanwhile where its lock did not hold, is not another's:
 * the link is then refused as a duplicate and read again, and the member signs in as that user.
 */
async function describeMatches(scope: LinkScope, users: Model[], member: string): Promise<PhoneMatch[]> {
  if (users.length === 0) return [];
  const ids = users.map((user) => idSchema.parse(user.get('id')));
  // Without plugin-acl's roles nobody can tell who holds power, so everyone is taken to.
  const roleRows: Array<z.output<typeof roleRowSchema>> = scope.db.hasCollection('rolesUsers')
    ? (await scope.db.getRepository('rolesUsers').find({ filter: { userId: { $in: ids } } })).map((row: Model) =>
        roleRowSchema.parse(row.get()),
      )
    : ids.map((userId) => ({ userId, roleName: 'root' }));
  const linked: Array<z.output<typeof bindingRowSchema>> = (
    await scope.db
      .getRepository('usersAuthenticators')
      .find({ filter: { authenticator: scope.authenticator, userId: { $in: ids } } })
  ).map((row: Model) => bindingRowSchema.parse(row.get()));
  return users.map((user, index) => {
    const userId = ids[index] ?? 0;
    return {
      userId,
      roles: roleRows.filter((row) => row.userId === userId).map((row) => row.roleName),
      hasPassword: Boolean(user.get('password')),
      linkedToAnotherMember: linked.some((row) => row.userId === userId && row.uuid !== member),
    };
  });
}

/**
 * Links of one member, one at a time on every node, then once more if the database refused the binding as a duplicate.
 * The lock is what keeps two sign-ins of a member from both creating a user; the unique index on (authenticator,
 * uuid) and the (authenticator, userId) key are what make a second binding impossible where the lock did not hold
 * (it lapsed, or nodes that do not share Redis). The second run reads what the other made: the member gets the user
 * bound, or is told that the user is taken. `newUser` writes the user and the binding in one transaction, so a user
 * whose binding (or phone, which `users` keeps unique) was refused does not survive.
 */
/**
 * By name, not `instanceof`: a plugin added with `pm add` resolves its own copy of Sequelize, and the errors the app's
 * copy throws are not instances of that copy's classes (as its `where` helpers are refused by the app's).
 */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && error.name === 'SequelizeUniqueConstraintError';
}

/** The lock every link and unlink of one member takes. */
function memberLockKey(scope: LinkScope, userid: string): string {
  return `link:${scope.authenticator}:${userid}`;
}

function underMemberLock<T>(scope: LinkScope, userid: string, fn: () => Promise<T>): Promise<T> {
  return scope.runExclusive(memberLockKey(scope, userid), async () => {
    try {
      return await fn();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      scope.logger?.info?.('WeCom member was bound meanwhile elsewhere; reading that binding', {
        authenticator: scope.authenticator,
        userid,
      });
      return fn();
    }
  });
}

async function authenticatorRecord(scope: LinkScope): Promise<AuthModelLike> {
  const authenticator = await scope.db
    .getRepository('authenticators')
    .findOne({ filter: { name: scope.authenticator } });
  if (!authenticator) throw new SignInError('AUTHENTICATOR_UNAVAILABLE');
  // plugin-auth's AuthModel: its methods add the binding row with the WeCom userid as uuid.
  return authenticator as unknown as AuthModelLike;
}

/** A new binding's row values: the member's userid, and how the link was made. */
function bindingValues(userid: string, record: LinkRecord): { uuid: string; meta: Record<string, unknown> } {
  return { uuid: userid, meta: withLinkRecord({}, record) };
}

/**
 * Records on the binding `newUser` made that it came of a sign-up. Apart from `newUser`'s transaction, which takes
 * no values for the binding but its uuid; only the record is lost if this fails, so the member is signed in anyway.
 */
async function recordNewUserLink(scope: LinkScope, userid: string): Promise<void> {
  try {
    const binding = await scope.db
      .getRepository('usersAuthenticators')
      .findOne({ filter: { authenticator: scope.authenticator, uuid: userid } });
    if (!binding) return;
    binding.set('meta', withLinkRecord(binding.get('meta'), { how: 'auto-signup' }));
    await binding.save();
  } catch (error) {
    scope.logger?.warn?.('Could not record how a WeCom member was linked', {
      authenticator: scope.authenticator,
      userid,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

export interface WeComProfile {
  userid: string;
  mobile: string;
  /** The member's name in WeCom, for a new user's nickname. */
  name: () => Promise<string>;
}

export type LinkOutcome =
  | { kind: 'linked'; user: Model }
  /** The person must prove with its password that this user is theirs before the link is made. */
  | { kind: 'confirm'; userId: number };

/**
 * Links the WeCom member to the NocoBase user with the same phone number, creates that user, or says that the link
 * needs the account's password first, as `decideLink` rules. Runs under the member's lock, so callbacks of one member
 * on any nodes cannot create the user twice.
 */
export async function linkByMobile(
  scope: LinkScope,
  profile: WeComProfile,
  settings: LinkSettings,
): Promise<LinkOutcome> {
  const mobile = normaliseMobile(profile.mobile);
  if (!mobile) throw new SignInError('MOBILE_UNAVAILABLE');
  return underMemberLock(scope, profile.userid, async () => {
    const linked = await findLinkedUser(scope, profile.userid);
    if (linked) return { kind: 'linked', user: linked };
    const authenticator = await authenticatorRecord(scope);
    const users = await usersWithMobile(scope.db, mobile);
    const decision = decideLink(await describeMatches(scope, users, profile.userid), settings);
    const matching = {
      authenticator: scope.authenticator,
      userid: profile.userid,
      userIds: users.map((u) => u.get('id')),
    };
    switch (decision.kind) {
      case 'link': {
        const user = users.find((candidate) => idSchema.parse(candidate.get('id')) === decision.userId);
        if (!user) throw new SignInError('USER_NOT_FOUND');
        await authenticator.addUser(user, { through: bindingValues(profile.userid, { how: 'phone' }) });
        return { kind: 'linked', user };
      }
      case 'create': {
        const nickname = await profile.name();
        const user = await authenticator.newUser(profile.userid, {
          nickname: nickname || profile.userid,
          phone: mobile,
        });
        await recordNewUserLink(scope, profile.userid);
        return { kind: 'linked', user };
      }
      case 'confirm':
        return { kind: 'confirm', userId: decision.userId };
      case 'refuse':
        // The member is never told whose accounts these are; the admin reads it here.
        if (decision.code === 'PHONE_AMBIGUOUS') {
          scope.logger?.warn?.('WeCom member not linked: several NocoBase users have their phone number', matching);
        } else if (decision.code !== 'USER_NOT_FOUND') {
          scope.logger?.info?.('WeCom member not linked by phone', { ...matching, reason: decision.code });
        }
        throw new SignInError(decision.code);
    }
  });
}

export type BindResult =
  | { ok: true; user: Model }
  | { ok: false; reason: 'MEMBER_LINKED_ELSEWHERE' | 'USER_LINKED_ELSEWHERE' | 'USER_NOT_FOUND' };

/**
 * Links the member to this user, a link someone vouched for (the account's password, or an admin), checked again
 * under the member's lock: neither may have been linked to another meanwhile. Linking the same pair again is a no-op,
 * and keeps the record of how it was first made.
 */
export async function bindMember(
  scope: LinkScope,
  userid: string,
  userId: number,
  record: LinkRecord,
): Promise<BindResult> {
  return underMemberLock(scope, userid, async (): Promise<BindResult> => {
    const authenticator = await authenticatorRecord(scope);
    const user = await scope.db.getRepository('users').findOne({ filterByTk: userId });
    if (!user) return { ok: false, reason: 'USER_NOT_FOUND' };
    const links = scope.db.getRepository('usersAuthenticators');
    const ofMember = await links.findOne({ filter: { authenticator: scope.authenticator, uuid: userid } });
    if (ofMember) {
      return idSchema.parse(ofMember.get('userId')) === userId
        ? { ok: true, user }
        : { ok: false, reason: 'MEMBER_LINKED_ELSEWHERE' };
    }
    const ofUser = await links.findOne({ filter: { authenticator: scope.authenticator, userId } });
    if (ofUser) return { ok: false, reason: 'USER_LINKED_ELSEWHERE' };
    await authenticator.addUser(user, { through: bindingValues(userid, record) });
    return { ok: true, user };
  });
}

/**
 * Removes the member's binding, under the member's lock so that it cannot cross a link of theirs in progress, and
 * gives the user it was bound to, or null when the member was not linked. The user stays; sessions issued stay
 * valid; the member's next sign-in finds no link and follows the linking policy again.
 */
export async function unbindMember(scope: LinkScope, userid: string): Promise<number | null> {
  return scope.runExclusive(memberLockKey(scope, userid), async () => {
    const links = scope.db.getRepository('usersAuthenticators');
    const filter = { authenticator: scope.authenticator, uuid: userid };
    const binding = await links.findOne({ filter, fields: ['userId'] });
    if (!binding) return null;
    await links.destroy({ filter });
    return idSchema.parse(binding.get('userId'));
  });
}

/** The methods of plugin-auth's `AuthModel` used here. */
interface AuthModelLike {
  addUser(user: Model, options: { through: { uuid: string; meta: Record<string, unknown> } }): Promise<unknown>;
  newUser(uuid: string, values: Record<string, unknown>): Promise<Model>;
}
