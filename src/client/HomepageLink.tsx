import { Typography } from 'antd';
import type { ReactElement } from 'react';
import type { AppPaths } from '../shared/landing';
import { workbenchHomepageLink } from './homepage-link';
import { useWeComTranslation } from './locale';

export interface HomepageLinkProps {
  /** The authenticator's name and settings as the admin types them. */
  name: unknown;
  origin: unknown;
  redirectPath: unknown;
  paths: AppPaths;
}

/** The workbench homepage link, derived from the form as the admin types. */
export function HomepageLink({ name, origin, redirectPath, paths }: HomepageLinkProps): ReactElement {
  const { t } = useWeComTranslation();
  const link = workbenchHomepageLink({ name, origin, redirectPath }, paths);
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
}
