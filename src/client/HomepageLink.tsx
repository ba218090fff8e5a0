import { observer, useForm } from '@formily/react';
import { Typography } from 'antd';
import type { ReactElement } from 'react';
import { workbenchHomepageLink } from './homepage-link';
import { useWeComTranslation } from './locale';

/** The workbench homepage link, derived from the form as the admin types. */
export const HomepageLink = observer((): ReactElement => {
  const { t } = useWeComTranslation();
  const form = useForm<{ name?: string; options?: { origin?: string; redirectPath?: string } }>();
  const link = workbenchHomepageLink({ name: form.values.name, ...form.values.options });
  return (
    <div style={{ marginBottom: 24 }}>
      <Typography.Text strong>{t('Workbench homepage link')}</Typography.Text>
      <div>
        {link ? (
          <Typography.Text copyable={{ text: link }} code data-testid="wecom-homepage-link">
            {link}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('Fill in Origin to see the link.')}</Typography.Text>
        )}
      </div>
      <Typography.Text type="secondary">
        {t("Paste this link as the app's homepage in WeCom's workbench.")}
      </Typography.Text>
    </div>
  );
});
