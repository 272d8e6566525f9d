import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type CatalogSearchHit, useCatalogSearch } from '../../api/catalog.ts';
import { downloadCatalogExport } from '../../api/catalog-xlsx.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { DepartmentSelect, RegionTreeSelect } from '../../components/org-selects.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useT } from '../../i18n/index.ts';
import { daysText, itemTypeLabel, visitsText } from '../../portal/catalog/format.ts';
import { HighlightedName } from '../../portal/catalog/highlighted-name.tsx';
import { CITY_CODE } from '../../site.ts';
import { ImportDialog } from './import-dialog.tsx';

const PAGE_SIZE = 20;

/** The region an account acts on (its data scope), the city when it has none. */
export function useScopeRegion(): string {
  const me = useMe();
  return me.data?.account.scope?.regionCode ?? CITY_CODE;
}

/**
 * 事项列表: the published implementations of the admin's region, through the public search. Drafts of
 * items never published yet are not listed (the API has no such list; see the review queue).
 */
export function CatalogItemsPage() {
  const t = useT();
  const scope = useScopeRegion();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const regionCode = params.get('region') ?? scope;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const departmentId = params.get('dept') ?? undefined;
  const [text, setText] = useState(q);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const results = useCatalogSearch({ q: q || undefined, regionCode, departmentId, page, pageSize: PAGE_SIZE });
  // The export covers exactly what the list shows: same region, department and words.
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadCatalogExport({ regionCode, departmentId, q: q || undefined });
    } catch (e) {
      void message.error(t('catalogXlsx.exportFailed', { message: e instanceof ApiError ? e.message : String(e) }));
    } finally {
      setExporting(false);
    }
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<CatalogSearchHit> = [
    {
      title: t('catalogAdmin.itemName'),
      key: 'name',
      render: (_: unknown, h) => (
        <Link to={`/console/catalog/items/${h.implementationId}`}>
          <HighlightedName pieces={h.nameHighlight} fallback={h.name} />
        </Link>
      ),
    },
    {
      title: t('guide.basicCode'),
      dataIndex: 'basicCode',
      render: (code: string, h) => (
        <Link to={`/console/catalog/compare?code=${code}`} aria-label={t('catalogAdmin.compareNamed', { name: h.name, code })}>
          <span className="code-text">{code}</span>
        </Link>
      ),
    },
    { title: t('guide.itemType'), dataIndex: 'itemType', render: (v: string) => itemTypeLabel(v, t) },
    { title: t('catalogAdmin.regionDept'), key: 'where', render: (_: unknown, h) => `${h.regionName} · ${h.departmentName}` },
    { title: t('catalogAdmin.version'), dataIndex: 'version', render: (n: number) => t('guide.versionLine', { n }) },
    { title: t('guide.promisedLimit'), dataIndex: 'promisedDays', render: (d: number) => daysText(d, undefined, t) },
    { title: t('guide.visits'), dataIndex: 'visitsRequired', render: (n: number) => visitsText(n, t) },
  ];

  return (
    <div className="staff-page">
      <PageTitle title={t('console.catalogItems')} />
      <div className="page-head">
        <h1>{t('console.catalogItems')}</h1>
        <div className="button-row">
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} disabled={(results.data?.total ?? 0) === 0}>
            {t('catalogXlsx.export')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('catalogXlsx.import')}
          </Button>
        </div>
      </div>
      <p className="muted">{t('catalogAdmin.itemsLead')}</p>
      <div className="filter-bar" role="search">
        <div className="filter">
          <label htmlFor="catalog-items-q">{t('common.keyword')}</label>
          <Input.Search
            id="catalog-items-q"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
            allowClear
            maxLength={50}
            enterButton={t('common.search')}
          />
        </div>
        <div className="filter">
          <label htmlFor="catalog-items-region">{t('dept.region')}</label>
          <RegionTreeSelect id="catalog-items-region" value={regionCode} onChange={(v) => set({ region: v && v !== scope ? v : undefined, dept: undefined, page: undefined })} />
        </div>
        <div className="filter">
          <label htmlFor="catalog-items-dept">{t('guide.body')}</label>
          <DepartmentSelect id="catalog-items-dept" regionCode={regionCode} value={departmentId} onChange={(v) => set({ dept: v, page: undefined })} allowClear placeholder={t('common.all')} />
        </div>
      </div>
      {results.isError ? <ErrorResult error={results.error} onRetry={() => void results.refetch()} /> : null}
      <ScrollRegion label={t('console.catalogItems')}>
        <Table
          rowKey="implementationId"
          columns={columns}
          dataSource={results.data?.items ?? []}
          loading={results.isFetching}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: results.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p) => set({ page: p === 1 ? undefined : String(p) }),
          }}
        />
      </ScrollRegion>
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </div>
  );
}
