import { Button, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LICENSE_STATES } from '../../../common/schemas/licenses.ts';
import { type LicenseState, type LicenseSummary, useLicenseTypes, useRegistry } from '../../api/licenses-staff.ts';
import { Filter, SearchFilter, usePagedTable } from '../../components/list-page.tsx';
import { useT } from '../../i18n/index.ts';
import { useLicenseRole } from '../permissions.ts';
import { ImportLicenseDrawer } from './import-license.tsx';
import { LicenseList } from './license-list.tsx';
import { LicenseStateTag, validityText } from './license-parts.tsx';

/**
 * 证照库: the licenses issued in the caller's scope (an approver sees their department's), filtered
 * by type, state and text; each opens its detail page under `basePath`.
 */
export function RegistryPage({ basePath }: { basePath: string }) {
  const t = useT();
  const canManage = useLicenseRole('manage');
  const table = usePagedTable();
  const [typeCode, setTypeCode] = useState<string | undefined>();
  const [state, setState] = useState<LicenseState | undefined>();
  const [importing, setImporting] = useState(false);
  const types = useLicenseTypes();
  const list = useRegistry({ typeCode, state, q: table.q, page: table.page, pageSize: table.pageSize });

  const columns: TableColumnsType<LicenseSummary> = [
    {
      title: t('licAdmin.typeName'),
      key: 'type',
      render: (_, l) => (
        <span>
          <Link to={`${basePath}/${l.id}`}>{l.typeName}</Link>
          <span className="cell-sub">{l.licenseNumber}</span>
        </span>
      ),
    },
    {
      title: t('licAdmin.holder'),
      key: 'holder',
      render: (_, l) => (
        <span>
          {l.holderName}
          <span className="cell-sub">{l.holderCode}</span>
        </span>
      ),
    },
    { title: t('licAdmin.issuer'), dataIndex: 'issuerName' },
    { title: t('licAdmin.validity'), key: 'validity', render: (_, l) => validityText(l, t) },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, l) => (
        <span>
          <LicenseStateTag state={l.state} expired={l.expired} />
          {l.version > 1 ? <span className="muted"> {t('licAdmin.versionN', { n: l.version })}</span> : null}
        </span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'open',
      render: (_, l) => (
        <Link to={`${basePath}/${l.id}`} aria-label={t('licAdmin.openNamed', { name: `${l.typeName} ${l.holderName}` })}>
          {t('licAdmin.open')}
        </Link>
      ),
    },
  ];

  return (
    <LicenseList<LicenseSummary>
      rowKey="id"
      title={t('licAdmin.nav.registry')}
      action={canManage ? <Button type="primary" onClick={() => setImporting(true)}>{t('licAdmin.import')}</Button> : null}
      filters={
        <>
          <Filter htmlFor="lic-filter-type" label={t('licAdmin.typeName')}>
            <Select<string>
              id="lic-filter-type"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              value={typeCode}
              onChange={table.firstPage(setTypeCode)}
              loading={types.isPending}
              options={(types.data ?? []).map((ty) => ({ value: ty.code, label: ty.name }))}
              style={{ minWidth: 220 }}
            />
          </Filter>
          <Filter htmlFor="lic-filter-state" label={t('common.status')}>
            <Select<LicenseState>
              id="lic-filter-state"
              allowClear
              placeholder={t('common.all')}
              value={state}
              onChange={table.firstPage(setState)}
              options={LICENSE_STATES.map((s) => ({ value: s, label: t(`licAdmin.state.${s}`) }))}
              style={{ minWidth: 160 }}
            />
          </Filter>
          <SearchFilter id="lic-filter-q" label={t('licAdmin.searchLabel')} maxLength={60} {...table.search} />
        </>
      }
      result={list}
      columns={columns}
      pagination={table.pagination(list.data?.total)}
    >
      <p className="muted block-gap">{t('licAdmin.registryNote')}</p>
      {importing ? <ImportLicenseDrawer onClose={() => setImporting(false)} basePath={basePath} /> : null}
    </LicenseList>
  );
}
