import enUS from '../../locale/en-US.json';
import { searchUsersParams, userOption } from './users-search';

const t = (key: string, params: Record<string, string> = {}): string =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');

const user = { id: 7, nickname: 'Zhang San', username: 'zhangsan', email: null, phone: '13800000001', linkedTo: null };

describe('searchUsersParams', () => {
  it('searches the trimmed text of the authenticator', () => {
    expect(searchUsersParams('wecom1', '  zhang ')).toEqual({ authenticator: 'wecom1', q: 'zhang' });
  });

  it('asks nothing before something is typed', () => {
    expect(searchUsersParams('wecom1', '')).toBeNull();
    expect(searchUsersParams('wecom1', '   ')).toBeNull();
  });

  it('keeps operators, wildcards and quotes typed by the admin as plain text', () => {
    expect(searchUsersParams('wecom1', '{"$ne":1} %_\'')?.q).toBe('{"$ne":1} %_\'');
  });
});

describe('userOption', () => {
  it('offers a user linked to no member, by name and details', () => {
    expect(userOption(user, t)).toEqual({ value: 7, label: 'Zhang San · zhangsan · 13800000001', disabled: false });
  });

  it('shows which member a linked user is linked to, and cannot be chosen', () => {
    expect(userOption({ ...user, linkedTo: 'zs.wecom' }, t)).toEqual({
      value: 7,
      label: 'Zhang San · zhangsan · 13800000001 · linked to zs.wecom',
      disabled: true,
    });
  });

  it('names a user without a name by ID', () => {
    const nameless = { ...user, nickname: null, username: null, phone: null };
    expect(userOption(nameless, t).label).toBe('User ID 7');
  });

  it('uses translated messages', () => {
    for (const key of ['linked to {{userid}}', 'User ID {{id}}']) expect(enUS).toHaveProperty([key]);
  });
});
