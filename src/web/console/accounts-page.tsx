import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { ACCOUNT_KINDS, type AccountKind } from '../../common/enums.ts';
import { accountsApi } from '../api/endpoints.ts';
import { qk } from '../api/queries.ts';
import type { AccountView } from '../api/types.ts';
import { Filter, ListPage, SearchFilter, usePagedTable } from '../components/list-page.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

/** 账户查询 (system administrator): every account, personal data masked by the server. */
export function AccountsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const table = usePagedTable();
  const [kind, setKind] = useState<AccountKind | undefined>(undefined);
  const query = { kind, q: table.q, page: table.page, pageSize: table.pageSize };
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
    <ListPage
      title={t('console.accounts')}
      filters={
        <>
          <Filter htmlFor="acc-filter-kind" label={t('account.kind')}>
            <Select
              id="acc-filter-kind"
              value={kind}
              allowClear
              placeholder={t('common.all')}
              onChange={table.firstPage((v: AccountKind | undefined) => setKind(v))}
              options={ACCOUNT_KINDS.map((k) => ({ value: k, label: t(`accountKind.${k}`) }))}
              className="full-width"
            />
          </Filter>
          <SearchFilter id="acc-filter-q" label={t('accounts.search')} maxLength={50} {...table.search} />
        </>
      }
      result={accounts}
      columns={columns}
      pagination={table.pagination(accounts.data?.total)}
    />
  );
}
