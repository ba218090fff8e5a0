import { decideLink, type LinkSettings, type PhoneMatch } from './link-decision';
import type { LinkByPhonePolicy } from './options';

const ordinary: PhoneMatch = { userId: 7, roles: ['member'], hasPassword: true, linkedToAnotherMember: false };
const settings = (linkByPhone: LinkByPhonePolicy, extra: Partial<LinkSettings> = {}): LinkSettings => ({
  linkByPhone,
  privilegedRoles: ['root', 'admin'],
  autoSignup: false,
  ...extra,
});
const policies: LinkByPhonePolicy[] = ['auto', 'confirm', 'never'];

describe('deciding how an unlinked member is linked by phone', () => {
  it('links an ordinary user silently only when the admin chose automatic linking', () => {
    expect(decideLink([ordinary], settings('auto'))).toEqual({ kind: 'link', userId: 7 });
    expect(decideLink([ordinary], settings('confirm'))).toEqual({ kind: 'confirm', userId: 7 });
    expect(decideLink([ordinary], settings('never'))).toEqual({ kind: 'refuse', code: 'LINK_BY_ADMIN' });
  });

  it.each([
    [['root'], ['admin']],
    [
      ['member', 'admin'],
      ['root', 'admin'],
    ],
    [['finance'], ['root', 'finance']],
    // root is privileged even when an admin left it out of the list.
    [['root'], []],
  ])('never links a holder of %j silently (privileged: %j)', (roles, privilegedRoles) => {
    const match = { ...ordinary, roles };
    expect(decideLink([match], settings('auto', { privilegedRoles }))).toEqual({ kind: 'confirm', userId: 7 });
    expect(decideLink([match], settings('confirm', { privilegedRoles }))).toEqual({ kind: 'confirm', userId: 7 });
    expect(decideLink([match], settings('never', { privilegedRoles }))).toEqual({
      kind: 'refuse',
      code: 'LINK_BY_ADMIN',
    });
  });

  it('leaves an account nobody can sign in to with a password to an admin, where proof is needed', () => {
    const passwordless = { ...ordinary, hasPassword: false };
    expect(decideLink([passwordless], settings('confirm'))).toEqual({ kind: 'refuse', code: 'LINK_BY_ADMIN' });
    expect(decideLink([{ ...passwordless, roles: ['admin'] }], settings('auto'))).toEqual({
      kind: 'refuse',
      code: 'LINK_BY_ADMIN',
    });
    expect(decideLink([passwordless], settings('auto'))).toEqual({ kind: 'link', userId: 7 });
  });

  it.each(policies)('never guesses between several users with the number (%s)', (policy) => {
    const matches = [ordinary, { ...ordinary, userId: 8 }];
    for (const autoSignup of [false, true]) {
      expect(decideLink(matches, settings(policy, { autoSignup }))).toEqual({
        kind: 'refuse',
        code: 'PHONE_AMBIGUOUS',
      });
    }
  });

  it.each(policies)('refuses a user already linked to another member (%s)', (policy) => {
    const taken = { ...ordinary, linkedToAnotherMember: true };
    expect(decideLink([taken], settings(policy, { autoSignup: true }))).toEqual({
      kind: 'refuse',
      code: 'PHONE_BOUND_ELSEWHERE',
    });
  });

  it.each(policies)('creates a user only when the number matches nobody and sign-up is on (%s)', (policy) => {
    expect(decideLink([], settings(policy, { autoSignup: true }))).toEqual({ kind: 'create' });
    expect(decideLink([], settings(policy))).toEqual({ kind: 'refuse', code: 'USER_NOT_FOUND' });
    for (const match of [ordinary, { ...ordinary, roles: ['root'] }]) {
      expect(decideLink([match], settings(policy, { autoSignup: true })).kind).not.toBe('create');
    }
  });
});
