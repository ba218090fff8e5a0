import { useForm } from '@formily/react';
import { useAPIClient } from '@nocobase/client';
import { Alert, Button, Space } from 'antd';
import { type ReactElement, useState } from 'react';
import { useWeComTranslation } from './locale';

interface Finding {
  key: string;
  ok: boolean;
  message: string;
}

/** Asks the backend to try the settings on WeCom, and shows what is wrong in plain words. */
export function CheckConfiguration(): ReactElement {
  const { t } = useWeComTranslation();
  const api = useAPIClient();
  const form = useForm<{ name?: string; options?: Record<string, unknown> }>();
  const [running, setRunning] = useState(false);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    setRunning(true);
    setFailure(null);
    try {
      const answer = await api.request<{ data: { checks: Finding[] } }>({
        url: 'wecom:checkConfig',
        method: 'post',
        data: { name: form.values.name, options: form.values.options },
      });
      setFindings(answer.data.data.checks);
    } catch (error) {
      const message = (error as { response?: { data?: { errors?: Array<{ message?: string }> } } }).response?.data
        ?.errors?.[0]?.message;
      setFindings(null);
      setFailure(message ?? String(error));
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
