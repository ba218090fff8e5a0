import { useAPIClient } from '@nocobase/client';
import { type ReactElement, useMemo } from 'react';
import { LinkedMembersOpener } from './LinkedMembersOpener';
import { requestThrough } from './request';

/** The linked-members button in the classic shell (`/admin`), for a saved WeCom authenticator. */
export function LinkedMembersButton({ authenticator }: { authenticator: string }): ReactElement {
  const api = useAPIClient();
  const request = useMemo(() => requestThrough(api), [api]);
  return <LinkedMembersOpener authenticator={authenticator} request={request} />;
}
