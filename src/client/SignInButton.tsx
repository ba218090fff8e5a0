import { WechatWorkOutlined } from '@ant-design/icons';
import type { Authenticator } from '@nocobase/plugin-auth/client';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { mountLoginPanel, ownSignInError, startSignIn } from '../sdk-shim';
import { WECOM_BLUE } from '../sdk-shim/wecom-mark';
import { SIGN_IN_ERRORS } from '../shared/sign-in-errors';
import { appRootUrl } from './api-base';
import { useWeComTranslation } from './locale';
import { signInButtonText } from './sign-in-label';

/** The failure a callback left on the sign-in page for this authenticator, as a translated message. */
function useCallbackError(name: string): string | null {
  const { t } = useWeComTranslation();
  const failure = ownSignInError(window.location.search, [name]);
  return failure ? t(SIGN_IN_ERRORS[failure.code], { ip: '?' }) : null;
}

/** The embedded WeCom login panel (QR code, or one click when the WeCom desktop app is signed in). */
function LoginPanel({ url }: { url: string }): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return undefined;
    const panel = mountLoginPanel({ el: host.current, url });
    return () => panel.unmount();
  }, [url]);
  return <div ref={host} data-testid="wecom-login-panel" style={{ minHeight: 416 }} />;
}

/** WeCom's mark and "Sign in with WeCom" (or the admin's own title) on NocoBase's sign-in page. */
export function SignInButton({ authenticator }: { authenticator: Authenticator }): ReactElement {
  const { t } = useWeComTranslation();
  const callbackError = useCallbackError(authenticator.name);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [panelUrl, setPanelUrl] = useState<string | null>(null);

  const start = async (): Promise<void> => {
    setLoading(true);
    setError(null);
    try {
      const next = await startSignIn({
        baseUrl: appRootUrl(window),
        authenticator: authenticator.name,
        location: window.location,
        userAgent: window.navigator.userAgent,
        locale: document.documentElement.lang || undefined,
      });
      if (next.kind === 'panel') setPanelUrl(next.url);
      else window.location.assign(next.url);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setLoading(false);
    }
  };

  const message = error ?? callbackError;
  return (
    <Space direction="vertical" style={{ display: 'flex' }}>
      {message && <Alert type="error" showIcon message={message} data-testid="wecom-sign-in-error" />}
      <Button
        block
        onClick={start}
        loading={loading}
        data-testid="wecom-sign-in"
        // Both shells provide @ant-design/icons, drawing the @ant-design/icons-svg data that the buttons without
        // antd draw (sdk-shim/wecom-mark.ts). Hidden from assistive technology: the text alone names the button.
        icon={<WechatWorkOutlined aria-hidden="true" style={{ color: WECOM_BLUE }} />}
      >
        {signInButtonText(authenticator.title, t('Sign in with WeCom'))}
      </Button>
      <Modal
        open={panelUrl !== null}
        footer={null}
        width={520}
        destroyOnClose
        onCancel={() => setPanelUrl(null)}
        title={t('Sign in with WeCom')}
      >
        <Typography.Paragraph type="secondary">
          {t('Scan with WeCom, or confirm in the WeCom desktop app.')}
        </Typography.Paragraph>
        {panelUrl && <LoginPanel url={panelUrl} />}
      </Modal>
    </Space>
  );
}
