import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Empty, Form, Input, Modal, Tree, type TreeDataNode, type TreeProps } from 'antd';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { CreateRegionBody, UpdateRegionBody } from '../../common/schemas/org.ts';
import { orgApi } from '../api/endpoints.ts';
import { qk, useRegion, useRegionChildren } from '../api/queries.ts';
import type { RegionDetail, RegionView } from '../api/types.ts';
import { EditForm, useEditForm } from '../components/edit-form.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { useIsSystemAdmin } from './permissions.ts';
import { regionLevelLabel } from './region-level.ts';

/**
 * The tree: top regions plus the children of every branch opened so far. Children come from the query
 * cache, so invalidating the regions after an edit redraws every open branch.
 */
function useRegionTree() {
  const qc = useQueryClient();
  const top = useRegionChildren(undefined);
  const [opened, setOpened] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const branches = useQueries({
    queries: opened.map((code) => ({ queryKey: qk.regionChildren(code), queryFn: () => orgApi.regions(code) })),
  });
  const childrenOf = new Map<string, RegionView[]>();
  opened.forEach((code, i) => {
    const items = branches[i]?.data?.items;
    if (items) childrenOf.set(code, items);
  });
  const build = (r: RegionView): TreeDataNode => {
    const kids = childrenOf.get(r.code);
    return { key: r.code, title: r.name, isLeaf: r.childCount === 0 && !kids?.length, children: kids?.map(build) };
  };
  const open = useCallback((codes: string[]) => {
    setOpened((o) => [...new Set([...o, ...codes])]);
    setExpanded((e) => [...new Set([...e, ...codes])]);
  }, []);
  const loadData: TreeProps['loadData'] = async (node) => {
    const code = String(node.key);
    await qc.fetchQuery({ queryKey: qk.regionChildren(code), queryFn: () => orgApi.regions(code) });
    setOpened((o) => (o.includes(code) ? o : [...o, code]));
  };
  /** Open a region's ancestors and the region itself, so that a region found by search or breadcrumb shows in the tree. */
  const reveal = useCallback(
    async (code: string) => {
      const detail = await qc.fetchQuery({ queryKey: qk.region(code), queryFn: () => orgApi.region(code) });
      open([...detail.path.map((p) => p.code).filter((c) => c !== code), ...(detail.childCount > 0 ? [code] : [])]);
    },
    [qc, open],
  );
  return { top, treeData: (top.data?.items ?? []).map(build), loadData, expanded, setExpanded, reveal };
}

/** Search by name; results replace the tree (the children) until cleared. */
function RegionSearch({ onPick, children }: { onPick: (code: string) => void; children: ReactNode }) {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const results = useQuery({ queryKey: qk.regionSearch(q), queryFn: () => orgApi.searchRegions(q), enabled: q.length > 0 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
  };
  return (
    <div className="block-gap">
      <form role="search" onSubmit={submit} className="inline-form">
        <label htmlFor="region-search" className="visually-hidden">
          {t('regions.search')}
        </label>
        <Input id="region-search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('regions.searchPlaceholder')} maxLength={30} allowClear />
        <Button htmlType="submit">{t('common.search')}</Button>
      </form>
      {q ? (
        <div className="block-gap" aria-live="polite">
          {results.isPending ? <Loading /> : null}
          {results.data?.items.length === 0 ? <Empty description={t('common.noResults')} /> : null}
          <ul className="result-buttons">
            {results.data?.items.map((r) => (
              <li key={r.code}>
                <Button type="link" className="cell-button" onClick={() => onPick(r.code)}>
                  {r.name}
                </Button>
                <span className="muted result-meta">
                  {r.code} · {regionLevelLabel(t, r.level)}
                </span>
              </li>
            ))}
          </ul>
          <Button
            onClick={() => {
              setQ('');
              setText('');
            }}
          >
            {t('regions.backToTree')}
          </Button>
        </div>
      ) : (
        children
      )}
    </div>
  );
}

type ModalKind = 'rename' | 'add' | null;

interface RegionValues {
  name: string;
  code?: string;
}

/** Rename the region, or add a child under it. */
function RegionEditModal({ kind, region, onClose }: { kind: ModalKind; region: RegionDetail; onClose: () => void }) {
  const t = useT();
  const edit = useEditForm({
    id: kind === 'rename' ? region.code : null,
    create: { schema: CreateRegionBody, toBody: (v: RegionValues) => ({ ...v, parentCode: region.code }), send: orgApi.createRegion },
    update: { schema: UpdateRegionBody, toBody: (v: RegionValues) => ({ name: v.name }), send: orgApi.renameRegion },
    invalidates: qk.regions,
    onClose,
  });
  return (
    <Modal
      open={kind !== null}
      title={kind === 'rename' ? t('regions.rename') : t('regions.addChild', { name: region.name })}
      onCancel={onClose}
      onOk={() => edit.form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={edit.saving}
      destroyOnHidden
    >
      <EditForm edit={edit} name="region-edit" initialValues={kind === 'rename' ? { name: region.name } : {}}>
        {kind === 'add' ? (
          <Form.Item name="code" label={t('regions.code')} extra={t('regions.codeHint')} rules={[edit.zodRule(CreateRegionBody.shape.code)]} required>
            <Input maxLength={12} inputMode="numeric" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('regions.name')} rules={[edit.zodRule(UpdateRegionBody.shape.name)]} required>
          <Input maxLength={100} />
        </Form.Item>
      </EditForm>
    </Modal>
  );
}

/** Details of the selected region: breadcrumbs to its ancestors, facts, and the edits. */
function RegionPanel({ code, onPick }: { code: string; onPick: (code: string) => void }) {
  const t = useT();
  const admin = useIsSystemAdmin();
  const region = useRegion(code);
  const [modal, setModal] = useState<ModalKind>(null);
  if (region.isPending) return <Loading />;
  if (region.isError) return <ErrorResult error={region.error} onRetry={() => void region.refetch()} />;
  const r = region.data;
  const crumbs = [
    ...r.path
      .filter((p) => p.code !== r.code)
      .map((p) => ({
        key: p.code,
        title: (
          <Button type="link" size="small" className="crumb-button" onClick={() => onPick(p.code)}>
            {p.name}
          </Button>
        ),
      })),
    { key: r.code, title: <span aria-current="location">{r.name}</span> },
  ];
  return (
    <>
      <Breadcrumb items={crumbs} className="block-gap" />
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('regions.name'), children: r.name },
          { key: 'code', label: t('regions.code'), children: r.code },
          { key: 'level', label: t('regions.level'), children: regionLevelLabel(t, r.level) },
          { key: 'children', label: t('regions.childCount'), children: r.childCount },
        ]}
      />
      {admin ? (
        <div className="button-row block-gap">
          <Button onClick={() => setModal('rename')}>{t('regions.rename')}</Button>
          {r.level < 5 ? (
            <Button type="primary" onClick={() => setModal('add')}>
              {t('regions.addChildShort')}
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="muted block-gap">{t('console.readOnly')}</p>
      )}
      {modal ? <RegionEditModal kind={modal} region={r} onClose={() => setModal(null)} /> : null}
    </>
  );
}

/** 区划管理: a lazily loaded tree, search, and the selected region's details. */
export function RegionsPage() {
  const t = useT();
  const { top, treeData, loadData, expanded, setExpanded, reveal } = useRegionTree();
  // The deployment's city is where administrators work most; start there with its branch open.
  const [selected, setSelected] = useState<string>(CITY_CODE);
  const pick = useCallback(
    (code: string) => {
      setSelected(code);
      reveal(code).catch(() => undefined);
    },
    [reveal],
  );
  useEffect(() => {
    reveal(CITY_CODE).catch(() => undefined);
  }, [reveal]);

  return (
    <div className="staff-page">
      <PageTitle title={t('console.regions')} />
      <h1>{t('console.regions')}</h1>
      <div className="split">
        <Card title={<h2 className="card-title">{t('regions.tree')}</h2>} className="split-side">
          <RegionSearch onPick={pick}>
            {top.isPending ? <Loading /> : null}
            {top.isError ? <ErrorResult error={top.error} onRetry={() => void top.refetch()} /> : null}
            <Tree
              treeData={treeData}
              loadData={loadData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={[selected]}
              onSelect={(keys) => {
                const k = keys[0];
                if (k !== undefined) setSelected(String(k));
              }}
              aria-label={t('regions.tree')}
            />
          </RegionSearch>
        </Card>
        <Card title={<h2 className="card-title">{t('regions.detail')}</h2>} className="split-main">
          <RegionPanel code={selected} onPick={pick} />
        </Card>
      </div>
    </div>
  );
}
