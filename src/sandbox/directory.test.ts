import {
  FIELDS_HIDDEN_FROM_NEW_APPS,
  findMemberByMobile,
  normaliseMobile,
  qrCodeUrl,
  userDetailBody,
  userGetBody,
} from './directory.ts';
import type { SandboxApp, SandboxMember } from './types.ts';

const newApp: SandboxApp = {
  agentId: 1,
  name: 'New',
  secret: 's1',
  trustedDomain: 'a.example.com',
  trustedIps: null,
  createdBefore20220620: false,
  disabled: false,
};
const oldApp: SandboxApp = { ...newApp, createdBefore20220620: true };

const full: SandboxMember = {
  userid: 'zhangsan',
  name: '张三',
  mobile: '+86 138 0013 8000',
  email: 'zhangsan@example.com',
  department: [2, 3],
  gender: '1',
  avatar: 'https://wework.qpic.cn/wwhead/x/0',
};

describe('normaliseMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['(138) 0013-8000', '13800138000'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseMobile(raw)).toBe(expected);
  });

  it('keeps a number that only looks like it starts with 86', () => {
    expect(normaliseMobile('86123')).toBe('86123');
  });
});

describe('findMemberByMobile', () => {
  const members: SandboxMember[] = [full, { userid: 'lisi', name: '李四', mobile: '139-1234-5678' }];

  it('matches whatever format either side uses', () => {
    expect(findMemberByMobile(members, '13800138000')?.userid).toBe('zhangsan');
    expect(findMemberByMobile(members, '+86 13912345678')?.userid).toBe('lisi');
  });

  it('finds nobody for an unknown or empty number', () => {
    expect(findMemberByMobile(members, '13000000000')).toBeUndefined();
    expect(findMemberByMobile(members, ' - ')).toBeUndefined();
  });
});

describe('userGetBody', () => {
  it('hides the post-2022-06-20 fields from new apps', () => {
    const body = userGetBody(full, newApp, 'wwcorp');
    for (const key of FIELDS_HIDDEN_FROM_NEW_APPS) {
      expect(body).not.toHaveProperty(key);
    }
    expect(body).toMatchObject({ userid: 'zhangsan', name: '张三', department: [2, 3], main_department: 2 });
  });

  it('gives old apps every field, empty when the member has none', () => {
    expect(userGetBody(full, oldApp, 'wwcorp')).toMatchObject({
      mobile: '+86 138 0013 8000',
      gender: '1',
      email: 'zhangsan@example.com',
      biz_mail: '',
      address: '',
      avatar: 'https://wework.qpic.cn/wwhead/x/0',
      thumb_avatar: 'https://wework.qpic.cn/wwhead/x/100',
      qr_code: qrCodeUrl('zhangsan'),
    });
  });
});

describe('userDetailBody', () => {
  it('returns only the fields the member has, plus the QR code', () => {
    expect(userDetailBody({ userid: 'lisi', name: '李四', mobile: '139' })).toEqual({
      userid: 'lisi',
      mobile: '139',
      qr_code: qrCodeUrl('lisi'),
    });
  });
});
