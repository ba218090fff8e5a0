import { createHash } from 'node:crypto';
import type { SandboxApp, SandboxMember } from './types.ts';

/**
 * Mobiles are stored as the admin typed them (`+86 138 0000 0000`, `138-0000-0000`), so they are
 * compared without spaces, dashes, brackets and the China country code.
 */
export function normaliseMobile(raw: string): string {
  const compact = raw.replace(/[\s\-()]/g, '');
  const withoutCountry = compact.replace(/^(?:\+86|0086)/, '');
  // A bare "86" prefix only counts when what follows is a full 11-digit mainland number.
  return /^861\d{10}$/.test(withoutCountry) ? withoutCountry.slice(2) : withoutCountry;
}

export function findMemberByMobile(members: readonly SandboxMember[], mobile: string): SandboxMember | undefined {
  const wanted = normaliseMobile(mobile);
  if (wanted === '') {
    return undefined;
  }
  return members.find((member) => member.mobile !== undefined && normaliseMobile(member.mobile) === wanted);
}

export function isVisible(member: SandboxMember): boolean {
  return member.visible !== false;
}

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 24);
}

/** Every real member has a personal QR code; the sandbox derives a stable fake one. */
export function qrCodeUrl(userid: string): string {
  return `https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc${shortHash(`qr:${userid}`)}`;
}

export function openUserid(corpId: string, userid: string): string {
  return `wo${shortHash(`open:${corpId}:${userid}`)}`;
}

/** The stable openid a non-member client session is known by. */
export function externalUserid(corpId: string, openid: string): string {
  return `wm${shortHash(`external:${corpId}:${openid}`)}`;
}

function thumbAvatar(avatar: string): string {
  // Real avatar URLs end in /0 (full size); the thumbnail is the same path ending in /100.
  return avatar.endsWith('/0') ? `${avatar.slice(0, -2)}/100` : avatar;
}

/** Keys of `user/get` that apps created since 2022-06-20 no longer receive (doc/96255). */
export const FIELDS_HIDDEN_FROM_NEW_APPS = [
  'avatar',
  'thumb_avatar',
  'gender',
  'mobile',
  'email',
  'biz_mail',
  'qr_code',
  'address',
] as const;

export interface UserGetBody {
  userid: string;
  name: string;
  department: number[];
  order: number[];
  position: string;
  mobile?: string;
  gender?: string;
  email?: string;
  biz_mail?: string;
  is_leader_in_dept: number[];
  direct_leader: string[];
  avatar?: string;
  thumb_avatar?: string;
  telephone: string;
  alias: string;
  address?: string;
  open_userid: string;
  main_department: number;
  extattr: { attrs: unknown[] };
  status: number;
  enable: number;
  hide_mobile: number;
  qr_code?: string;
  external_profile: { external_attr: unknown[] };
}

/**
 * The `user/get` body for one member as seen by one app. Old apps get every key (empty string when
 * the member has no value, as WeCom does); new apps get the same object without the hidden keys.
 */
export function userGetBody(member: SandboxMember, app: SandboxApp, corpId: string): UserGetBody {
  const department = member.department ?? [1];
  const body: UserGetBody = {
    userid: member.userid,
    name: member.name,
    department,
    order: department.map(() => 0),
    position: member.position ?? '',
    is_leader_in_dept: department.map(() => 0),
    direct_leader: [],
    telephone: '',
    alias: '',
    open_userid: openUserid(corpId, member.userid),
    main_department: department[0] ?? 1,
    extattr: { attrs: [] },
    status: 1,
    enable: 1,
    hide_mobile: 0,
    external_profile: { external_attr: [] },
  };
  if (!app.createdBefore20220620) {
    return body;
  }
  const avatar = member.avatar ?? '';
  return {
    ...body,
    mobile: member.mobile ?? '',
    gender: member.gender ?? '0',
    email: member.email ?? '',
    biz_mail: member.biz_mail ?? '',
    avatar,
    thumb_avatar: thumbAvatar(avatar),
    address: member.address ?? '',
    qr_code: qrCodeUrl(member.userid),
  };
}

export interface UserDetailBody {
  userid: string;
  gender?: string;
  avatar?: string;
  qr_code: string;
  mobile?: string;
  email?: string;
  biz_mail?: string;
  address?: string;
}

/** The `auth/getuserdetail` body: only the sensitive fields the member actually has. */
export function userDetailBody(member: SandboxMember): UserDetailBody {
  const optional = {
    gender: member.gender,
    avatar: member.avatar,
    mobile: member.mobile,
    email: member.email,
    biz_mail: member.biz_mail,
    address: member.address,
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  return { userid: member.userid, ...present, qr_code: qrCodeUrl(member.userid) };
}
