import { Button, Drawer } from 'antd';
import { type ReactElement, useState } from 'react';
import { useWeComTranslation } from '../locale';
import { LinkedMembersPanel, type LinkedMembersPanelProps } from './LinkedMembersPanel';

/** The button that opens the panel in a drawer, for either shell once it has adapted its API client. */
export function LinkedMembersOpener({ authenticator, request }: LinkedMembersPanelProps): ReactElement {
  const { t } = useWeComTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('Linked members')}</Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('Linked members of {{authenticator}}', { authenticator })}
        width={820}
      >
        {/* Mounted only while open: every opening shows the list as it is now. */}
        {open && <LinkedMembersPanel authenticator={authenticator} request={request} />}
      </Drawer>
    </>
  );
}
