import { Alert, Button, Space } from 'antd';
import { type ReactElement, useState } from 'react';
import { type Finding, findingsOf } from './check-findings';
import { failureMessage } from './linked-members/failure';
import { useWeComTranslation } from './locale';
import type { PluginApi } from './plugin-api';

/** What `wecom:checkConfig` is asked to try: the authenticator's name (for its saved secret) and its settings. */
export interface CheckRequest {
  name: unknown;
  options: unknown;
}

export interface CheckConfigurationProps {
  api: PluginApi;
  /** The settings as the form holds them, once the form has checked them; null when it refused them beside fields. */
  collect: () => Promise<CheckRequest | null>;
}

/** Asks the backend to try the settings on WeCom, and shows what is wrong in plain words. */
export function CheckConfiguration({ api, collect }: CheckConfigurationProps): ReactElement {
  const { t } = useWeComTranslation();
  const [running, setRunning] = useState(false);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    setRunning(true);
    setFailure(null);
    setFindings(null);
    try {
      const request = await collect();
      if (!request) return;
      const answer = await api.request({ url: 'wecom:checkConfig', method: 'post', data: request, skipNotify: true });
      setFindings(findingsOf(answer.data));
    } catch (error) {
      setFailure(failureMessage(error, t));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space direction="vertical" style={{ display: 'flex', marginBottom: 24 }} data-testid="wecom-check">
      <Button onClick={run} loading={running}>
        {t('Check configuration')}
      </Button>
      {failure && <Alert type="error" showIcon message={failure} />}
      {findings?.map((finding) => (
        <Alert key={finding.key} type={finding.ok ? 'success' : 'error'} showIcon message={finding.message} />
      ))}
    </Space>
  );
}
