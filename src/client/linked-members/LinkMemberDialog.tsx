import { Alert, Form, Input, Modal } from 'antd';
import { type ReactElement, useId, useState } from 'react';
import { type UserMatch, WECOM_USERID_PATTERN } from '../../shared/linked-members';
import { useWeComTranslation } from '../locale';
import { linkMember } from './api';
import { failureMessage } from './failure';
import type { LinkedMembersRequest } from './request';
import { UserPicker } from './UserPicker';
import { useDialogCall } from './use-dialog-call';

export interface LinkMemberDialogProps {
  authenticator: string;
  request: LinkedMembersRequest;
  onClose: () => void;
  onLinked: (userid: string) => void;
}

/** Links a WeCom member to a NocoBase user by hand; mounted while open, so each opening starts empty. */
export function LinkMemberDialog({ authenticator, request, onClose, onLinked }: LinkMemberDialogProps): ReactElement {
  const { t } = useWeComTranslation();
  const ids = useId();
  const [userid, setUserid] = useState('');
  const [user, setUser] = useState<UserMatch | null>(null);
  const [checked, setChecked] = useState(false);
  const { submitting, failure, run } = useDialogCall();

  const trimmedUserid = userid.trim();
  const useridInvalid = checked && !WECOM_USERID_PATTERN.test(trimmedUserid);
  const userMissing = checked && user === null;

  const submit = async (): Promise<void> => {
    setChecked(true);
    if (!WECOM_USERID_PATTERN.test(trimmedUserid) || user === null) return;
    await run(
      () => linkMember(request, { authenticator, userid: trimmedUserid, userId: user.id }),
      () => onLinked(trimmedUserid),
    );
  };

  return (
    <Modal
      open
      title={t('Link a WeCom member')}
      okText={t('Link')}
      cancelText={t('Cancel')}
      confirmLoading={submitting}
      onOk={submit}
      onCancel={onClose}
    >
      {/* No <form>: the dialog sits inside the authenticator's settings form, whose submit a nested one would fire. */}
      <Form component={false} layout="vertical">
        <Form.Item
          label={t('WeCom userid')}
          htmlFor={`${ids}-userid`}
          required
          validateStatus={useridInvalid ? 'error' : undefined}
          help={useridInvalid ? t('A WeCom userid has 1 to 64 letters, digits and _ - . @') : undefined}
          extra={t("The member's account in WeCom's contacts, not their name.")}
        >
          <Input id={`${ids}-userid`} value={userid} onChange={(event) => setUserid(event.target.value)} />
        </Form.Item>
        <Form.Item
          label={t('NocoBase user')}
          htmlFor={`${ids}-user`}
          required
          validateStatus={userMissing ? 'error' : undefined}
          help={userMissing ? t('Choose the NocoBase user to link the member to.') : undefined}
        >
          <UserPicker
            id={`${ids}-user`}
            authenticator={authenticator}
            request={request}
            value={user}
            onChange={setUser}
            invalid={userMissing}
          />
        </Form.Item>
      </Form>
      {failure !== null && <Alert type="error" showIcon message={failureMessage(failure, t)} />}
    </Modal>
  );
}
