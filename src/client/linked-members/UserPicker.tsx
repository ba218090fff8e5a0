import { Select, Spin } from 'antd';
import { type ReactElement, useEffect, useState } from 'react';
import type { UserMatch } from '../../shared/linked-members';
import { useWeComTranslation } from '../locale';
import { searchUsers } from './api';
import { failureMessage } from './failure';
import type { LinkedMembersRequest } from './request';
import { searchUsersParams, userOption } from './users-search';

/** Long enough that typing a name asks the server once, short enough to feel immediate. */
const SEARCH_DELAY_MS = 300;

export interface UserPickerProps {
  /** The combobox's id, for the label that names it. */
  id: string;
  /** Whose links tell which users are taken. */
  authenticator: string;
  request: LinkedMembersRequest;
  value: UserMatch | null;
  onChange: (user: UserMatch | null) => void;
  invalid: boolean;
}

/**
 * Picks a NocoBase user by searching `wecom:searchUsers` as the admin types. Users linked to a member already are
 * listed with that member's userid, and cannot be picked.
 */
export function UserPicker({ id, authenticator, request, value, onChange, invalid }: UserPickerProps): ReactElement {
  const { t } = useWeComTranslation();
  const [search, setSearch] = useState('');
  const [users, setUsers] = useState<UserMatch[]>([]);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const params = searchUsersParams(authenticator, search);
  const q = params?.q ?? '';

  useEffect(() => {
    let live = true;
    setFailure(null);
    if (q === '') {
      setUsers([]);
      setLoading(false);
      return;
    }
    setLoading(true);
    const timer = setTimeout(() => {
      searchUsers(request, { authenticator, q })
        .then((found) => live && setUsers(found))
        .catch((error: unknown) => {
          if (!live) return;
          setUsers([]);
          setFailure(error);
        })
        .finally(() => live && setLoading(false));
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [request, authenticator, q]);

  // The chosen user stays listed while another search runs, so the box keeps showing whom it holds.
  const listed = value && !users.some((user) => user.id === value.id) ? [value, ...users] : users;
  const empty =
    params === null
      ? t('Type a nickname, username, email or phone to search.')
      : failure
        ? failureMessage(failure, t)
        : t('No NocoBase user matches.');

  return (
    <Select<number>
      id={id}
      showSearch
      allowClear
      filterOption={false}
      status={invalid ? 'error' : undefined}
      placeholder={t('Search by nickname, username, email or phone')}
      value={value?.id}
      onSearch={setSearch}
      onChange={(userId) => onChange(listed.find((user) => user.id === userId && user.linkedTo === null) ?? null)}
      options={listed.map((user) => userOption(user, t))}
      notFoundContent={loading ? <Spin size="small" /> : empty}
      style={{ width: '100%' }}
    />
  );
}
