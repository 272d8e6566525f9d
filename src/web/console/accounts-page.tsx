import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { ACCOUNT_KINDS, type AccountKind } from '../../common/enums.ts';
import { accountsApi } from '../api/endpoints.ts';
import { qk } from '../api/queries.ts';
import type { AccountView } from '../api/types.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useDebounced } from '../components/use-debounced.ts';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

const PAGE_SIZE = 20;

/** 账户查询 (system administrator): every account, personal data masked by the server. */
export function AccountsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [kind, setKind] = useState<AccountKind | undefined>(undefined);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const debouncedQ = useDebounced(q.trim());
  const query = { kind, q: debouncedQ || undefined, page, pageSize: PAGE_SIZE };
  const accounts = useQuery({ queryKey: qk.accountList(query), queryFn: () => accountsApi.list(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<AccountView> = [
    { title: t('field.name'), dataIndex: 'displayName' },
    { title: t('account.kind'), dataIndex: 'kind', render: (k: AccountKind) => t(`accountKind.${k}`) },
    {
      title: t('accounts.identifier'),
      key: 'identifier',
      render: (_: unknown, a) => a.username ?? a.creditCode ?? a.idNumberMasked ?? '—',
    },
    { title: t('field.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
    { title: t('account.realNameLevel'), dataIndex: 'realNameLevel', render: (l: number) => <Tag>L{l}</Tag> },
    { title: t('account.roles'), dataIndex: 'roles', render: (roles: AccountView['roles']) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
    { title: t('common.status'), dataIndex: 'status', render: (s: AccountView['status']) => <StatusTag status={s} /> },
    { title: t('account.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
    { title: t('account.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v, lang) },
  ];

  return (
    <div className="staff-page">
      <PageTitle title={t('console.accounts')} />
      <h1>{t('console.accounts')}</h1>
      <div className="filter-bar">
        <div className="filter">
          <label htmlFor="acc-filter-kind">{t('account.kind')}</label>
          <Select
            id="acc-filter-kind"
            value={kind}
            allowClear
            placeholder={t('common.all')}
            onChange={(v: AccountKind | undefined) => {
              setKind(v);
              setPage(1);
            }}
            options={ACCOUNT_KINDS.map((k) => ({ value: k, label: t(`accountKind.${k}`) }))}
            className="full-width"
          />
        </div>
        <div className="filter">
          <label htmlFor="acc-filter-q">{t('accounts.search')}</label>
          <Input
            id="acc-filter-q"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            allowClear
            maxLength={50}
          />
        </div>
      </div>
      {accounts.isError ? <ErrorResult error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
      <ScrollRegion label={t('console.accounts')} wide>
        <Table
          rowKey="id"
          columns={columns}
          dataSource={accounts.data?.items ?? []}
          loading={accounts.isFetching}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: accounts.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => t('common.total', { n }), onChange: setPage }}
        />
      </ScrollRegion>
    </div>
  );
}
