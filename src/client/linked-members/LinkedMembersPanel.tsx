import { Alert, Button, Empty, Input, message, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LINKS_PAGE_SIZE_DEFAULT,
  LINKS_PAGE_SIZE_MAX,
  LINKS_QUERY_MAX_LENGTH,
  type LinkRow,
  type ListLinksResult,
} from '../../shared/linked-members';
import { useWeComTranslation } from '../locale';
import { listLinks } from './api';
import { formatLinkedAt, LINKED_HOW_LABELS, pageAfterRemoval, userSummary } from './display';
import { failureMessage } from './failure';
import { LinkMemberDialog } from './LinkMemberDialog';
import type { LinkedMembersRequest } from './request';
import { UnlinkMemberDialog } from './UnlinkMemberDialog';

export interface LinkedMembersPanelProps {
  /** The saved WeCom authenticator's `name`. */
  authenticator: string;
  /** Keep it the same from render to render (`useMemo`): a new one reloads the list. */
  request: LinkedMembersRequest;
}

/** Set as a new object every time, so that asking for the same page again reloads it. */
interface ListQuery {
  q: string;
  page: number;
  pageSize: number;
}

type Dialog = { kind: 'link' } | { kind: 'unlink'; link: LinkRow; userLabel: string } | null;

/**
 * Which WeCom member of the authenticator signs in as which NocoBase user: searched, paged, unlinked and linked by
 * hand. The server decides who may see it; the panel shows its refusal like any other failure.
 */
export function LinkedMembersPanel({ authenticator, request }: LinkedMembersPanelProps): ReactElement {
  const { t } = useWeComTranslation();
  const { i18n } = useTranslation();
  const [notice, noticeHolder] = message.useMessage();
  const [query, setQuery] = useState<ListQuery>({ q: '', page: 1, pageSize: LINKS_PAGE_SIZE_DEFAULT });
  const [list, setList] = useState<ListLinksResult | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    listLinks(request, { authenticator, ...query })
      .then((found) => {
        if (!live) return;
        setList(found);
        setFailure(null);
      })
      .catch((error: unknown) => live && setFailure(error))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [authenticator, request, query]);

  const userLabel = (link: LinkRow): string =>
    userSummary(link.user).name ?? t('User ID {{id}} (deleted, or without a name)', { id: String(link.userId) });

  const columns: ColumnsType<LinkRow> = [
    {
      key: 'user',
      title: t('NocoBase user'),
      render: (_, link) => {
        const { name, details } = userSummary(link.user);
        return (
          <Space direction="vertical" size={0}>
            <Typography.Text type={name === null ? 'secondary' : undefined}>{userLabel(link)}</Typography.Text>
            {details.length > 0 && <Typography.Text type="secondary">{details.join(' · ')}</Typography.Text>}
          </Space>
        );
      },
    },
    { key: 'userid', title: t('WeCom userid'), dataIndex: 'userid' },
    {
      key: 'linkedAt',
      title: t('Linked at'),
      render: (_, link) => formatLinkedAt(link.linkedAt, i18n.language),
    },
    { key: 'linkedHow', title: t('How'), render: (_, link) => t(LINKED_HOW_LABELS[link.linkedHow]) },
    {
      key: 'actions',
      title: t('Actions'),
      render: (_, link) => (
        <Button
          type="link"
          danger
          size="small"
          aria-label={t('Unlink {{userid}}', { userid: link.userid })}
          onClick={() => setDialog({ kind: 'unlink', link, userLabel: userLabel(link) })}
        >
          {t('Unlink')}
        </Button>
      ),
    },
  ];

  const searched = query.q.trim() !== '';
  return (
    <section aria-label={t('Linked members of {{authenticator}}', { authenticator })}>
      {noticeHolder}
      <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
        <Space wrap style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Input.Search
            allowClear
            aria-label={t('Search linked members')}
            placeholder={t('WeCom userid, nickname, username, email or phone')}
            maxLength={LINKS_QUERY_MAX_LENGTH}
            onSearch={(q) => setQuery((current) => ({ ...current, q, page: 1 }))}
            style={{ width: 360 }}
          />
          <Button type="primary" onClick={() => setDialog({ kind: 'link' })}>
            {t('Link a WeCom member')}
          </Button>
        </Space>
        {failure !== null && (
          <Alert
            type="error"
            showIcon
            message={failureMessage(failure, t)}
            action={
              <Button size="small" onClick={() => setQuery((current) => ({ ...current }))}>
                {t('Try again')}
              </Button>
            }
          />
        )}
        <Table<LinkRow>
          rowKey="userid"
          size="middle"
          columns={columns}
          dataSource={list?.rows ?? []}
          loading={loading}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={searched ? t('No linked member matches the search.') : t('No WeCom member is linked yet.')}
              />
            ),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list?.count ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, LINKS_PAGE_SIZE_DEFAULT, 50, LINKS_PAGE_SIZE_MAX],
            showTotal: (total) => t('{{total}} linked', { total: String(total) }),
            onChange: (page, pageSize) =>
              // A new page size starts from the first page, which always exists.
              setQuery((current) => ({ ...current, page: pageSize === current.pageSize ? page : 1, pageSize })),
          }}
        />
      </Space>
      {dialog?.kind === 'link' && (
        <LinkMemberDialog
          authenticator={authenticator}
          request={request}
          onClose={() => setDialog(null)}
          onLinked={(userid) => {
            setDialog(null);
            void notice.success(t('{{userid}} is linked.', { userid }));
            // Newest first: the new link heads the first page.
            setQuery((current) => ({ ...current, page: 1 }));
          }}
        />
      )}
      {dialog?.kind === 'unlink' && (
        <UnlinkMemberDialog
          authenticator={authenticator}
          request={request}
          link={dialog.link}
          userLabel={dialog.userLabel}
          onClose={() => setDialog(null)}
          onUnlinked={() => {
            setDialog(null);
            void notice.success(
              t("{{userid}} is unlinked. It takes effect at the member's next sign-in.", {
                userid: dialog.link.userid,
              }),
            );
            setQuery((current) => ({ ...current, page: pageAfterRemoval({ ...current, count: list?.count ?? 0 }) }));
          }}
        />
      )}
    </section>
  );
}
