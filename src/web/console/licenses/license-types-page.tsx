import { type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { type LicenseTypeView, useLicenseTypes } from '../../api/licenses-staff.ts';
import { SearchFilter, useListEditing, useSearchText } from '../../components/list-page.tsx';
import { ActiveTag } from '../../components/status-tag.tsx';
import { type Translate, useT } from '../../i18n/index.ts';
import { LicenseList } from './license-list.tsx';
import { LicenseTypeForm } from './license-type-form.tsx';
import './licenses.css';


/** 5 年 / 长期. */
export function validityRuleText(v: LicenseTypeView['validity'], t: Translate): string {
  return v.kind === 'years' ? t('licAdmin.types.nYears', { n: v.years }) : t('licAdmin.types.longTerm');
}

/** 证照目录: every license type with its rule and issued count; data administrators create and edit them. */
export function LicenseTypesPage() {
  const t = useT();
  const types = useLicenseTypes();
  const { q, search } = useSearchText();
  const drawer = useListEditing<LicenseTypeView>({ createLabel: t('licAdmin.types.create'), nameOf: (r) => r.name });
  const rows = useMemo(() => {
    const all = types.data ?? [];
    const needle = q?.toLowerCase();
    return needle ? all.filter((x) => `${x.code} ${x.name} ${x.definingBody} ${x.issuingDepartments.join(' ')}`.toLowerCase().includes(needle)) : all;
  }, [types.data, q]);
  const knownIssuers = useMemo(() => [...new Set((types.data ?? []).flatMap((x) => x.issuingDepartments))].sort((a, b) => a.localeCompare(b, 'zh')), [types.data]);

  const columns: TableColumnsType<LicenseTypeView> = [
    {
      title: t('licAdmin.typeName'),
      key: 'name',
      render: (_, x) => (
        <span>
          {x.name}
          {x.category === 'certification' ? <span className="status-tag status-off category-tag">{t('licAdmin.types.category.certification')}</span> : null}
          <span className="cell-sub mono-text">{x.code}</span>
        </span>
      ),
    },
    { title: t('licAdmin.types.definingBody'), dataIndex: 'definingBody' },
    { title: t('licAdmin.holderKind'), dataIndex: 'holderKind', render: (k: LicenseTypeView['holderKind']) => t(`licAdmin.holderKind.${k}`) },
    { title: t('licAdmin.types.validity'), dataIndex: 'validity', render: (v: LicenseTypeView['validity']) => validityRuleText(v, t) },
    { title: t('licAdmin.types.issuingDepartments'), dataIndex: 'issuingDepartments', render: (d: string[]) => (d.length ? d.join('、') : '—') },
    { title: t('licAdmin.types.fieldCount'), dataIndex: 'fields', align: 'right', render: (f: LicenseTypeView['fields']) => f.length },
    { title: t('licAdmin.types.issuedCount'), dataIndex: 'issuedCount', align: 'right' },
    { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
    ...drawer.editColumns,
  ];

  return (
    <LicenseList<LicenseTypeView>
      rowKey="code"
      title={t('licAdmin.nav.types')}
      action={drawer.createButton}
      filters={<SearchFilter id="lic-types-q" label={t('licAdmin.types.search')} maxLength={40} {...search} />}
      result={{ ...types, data: { items: rows } }}
      columns={columns}
    >
      <p className="muted block-gap">{t('licAdmin.types.note')}</p>
      {drawer.target !== undefined ? <LicenseTypeForm type={drawer.target} knownIssuers={knownIssuers} onClose={drawer.close} /> : null}
    </LicenseList>
  );
}
