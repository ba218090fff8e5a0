import { Alert, Modal, Typography } from 'antd';
import type { ReactElement } from 'react';
import type { LinkRow } from '../../shared/linked-members';
import { useWeComTranslation } from '../locale';
import { unlinkMember } from './api';
import { failureMessage } from './failure';
import type { LinkedMembersRequest } from './request';
import { useDialogCall } from './use-dialog-call';

export interface UnlinkMemberDialogProps {
  authenticator: string;
  request: LinkedMembersRequest;
  link: LinkRow;
  /** How the list names the link's user. */
  userLabel: string;
  onClose: () => void;
  onUnlinked: () => void;
}

/** Asks before unlinking a member, and says when it takes effect. */
export function UnlinkMemberDialog(props: UnlinkMemberDialogProps): ReactElement {
  const { authenticator, request, link, userLabel, onClose, onUnlinked } = props;
  const { t } = useWeComTranslation();
  const { submitting, failure, run } = useDialogCall();

  const submit = (): Promise<void> =>
    run(() => unlinkMember(request, { authenticator, userid: link.userid }), onUnlinked);

  return (
    <Modal
      open
      title={t('Unlink this WeCom member?')}
      okText={t('Unlink')}
      okButtonProps={{ danger: true }}
      cancelText={t('Cancel')}
      confirmLoading={submitting}
      onOk={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        {t('{{userid}} will no longer sign in as {{user}}.', { userid: link.userid, user: userLabel })}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t(
          "This takes effect at the member's next sign-in, which then follows the linking policy again. Sessions already signed in stay until they end.",
        )}
      </Typography.Paragraph>
      {failure !== null && <Alert type="error" showIcon message={failureMessage(failure, t)} />}
    </Modal>
  );
}
