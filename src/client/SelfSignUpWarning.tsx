import { observer, useForm } from '@formily/react';
import { useAPIClient } from '@nocobase/client';
import { Alert } from 'antd';
import { type ReactElement, useEffect, useState } from 'react';
import { useWeComTranslation } from './locale';
import { selfSignUpAuthenticators } from './self-sign-up';

/**
 * Beside "Link existing users by phone": where people may sign themselves up, their phone number is whatever they
 * typed, so linking by it automatically hands a colleague's WeCom sign-in to whoever typed the colleague's number.
 */
export const SelfSignUpWarning = observer((): ReactElement | null => {
  const { t } = useWeComTranslation();
  const api = useAPIClient();
  const form = useForm<{ options?: { linkByPhone?: string } }>();
  const [names, setNames] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    api
      .request<{ data: unknown }>({ url: 'authenticators:publicList', method: 'get' })
      .then((answer) => live && setNames(selfSignUpAuthenticators(answer.data.data)))
      // Only a warning: without the list the form still works.
      .catch(() => live && setNames([]));
    return () => {
      live = false;
    };
  }, [api]);

  const policy = form.values.options?.linkByPhone ?? 'auto';
  if (names.length === 0 || policy !== 'auto') return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 24 }}
      data-testid="wecom-self-sign-up-warning"
      message={t(
        'People can sign themselves up with {{names}}, so their phone numbers are whatever they typed. Choose "After confirming with the password".',
        { names: names.join(', ') },
      )}
    />
  );
});
