import { Alert } from 'antd';
import { type ReactElement, useEffect, useState } from 'react';
import { useWeComTranslation } from './locale';
import { answerData, type PluginApi } from './plugin-api';
import { selfSignUpAuthenticators } from './self-sign-up';

export interface SelfSignUpWarningProps {
  api: PluginApi;
  /** "Link existing users by phone" as the form holds it. */
  linkByPhone: unknown;
}

/**
 * Beside "Link existing users by phone": where people may sign themselves up, their phone number is whatever they
 * typed, so linking by it automatically hands a colleague's WeCom sign-in to whoever typed the colleague's number.
 */
export function SelfSignUpWarning({ api, linkByPhone }: SelfSignUpWarningProps): ReactElement | null {
  const { t } = useWeComTranslation();
  const [names, setNames] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    api
      .request({ url: 'authenticators:publicList', method: 'get', skipNotify: true })
      .then((answer) => live && setNames(selfSignUpAuthenticators(answerData(answer.data))))
      // Only a warning: without the list the form still works.
      .catch(() => live && setNames([]));
    return () => {
      live = false;
    };
  }, [api]);

  if (names.length === 0 || (linkByPhone ?? 'auto') !== 'auto') return null;
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
}
