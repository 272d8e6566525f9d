import { useQueryClient } from '@tanstack/react-query';
import { Select, TreeSelect, type TreeSelectProps } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { orgApi } from '../api/endpoints.ts';
import { qk, useDepartments, useRegionChildren, useWindows } from '../api/queries.ts';
import type { RegionView } from '../api/types.ts';
import { useT } from '../i18n/index.ts';

const STALE_MS = 5 * 60_000;

interface RegionNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

/** Props antd's Form.Item hands to a custom control (id for the label, value, onChange). */
interface ControlProps<T> {
  id?: string;
  value?: T;
  onChange?: (value: T) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  'aria-label'?: string;
}

/**
 * A region picker over the whole tree (city → county → town → village), loading children only when a
 * branch is opened: the full tree holds thousands of villages.
 */
export function RegionTreeSelect({ id, value, onChange, placeholder, allowClear, disabled, 'aria-label': ariaLabel }: ControlProps<string | undefined>) {
  const t = useT();
  const qc = useQueryClient();
  const [nodes, setNodes] = useState<Map<string, RegionNode>>(() => new Map());
  const add = useCallback((list: RegionView[]) => {
    setNodes((prev) => {
      const next = new Map(prev);
      for (const r of list) next.set(r.code, { id: r.code, pId: r.parentCode, value: r.code, title: r.name, isLeaf: r.childCount === 0 });
      return next;
    });
  }, []);
  const children = useCallback(
    (parent: string) => qc.fetchQuery({ queryKey: qk.regionChildren(parent), queryFn: () => orgApi.regions(parent), staleTime: STALE_MS }),
    [qc],
  );

  const top = useRegionChildren(undefined);
  useEffect(() => {
    if (top.data) add(top.data.items);
  }, [top.data, add]);

  // Load the branch down to the current value, so the field shows a name instead of a bare code.
  useEffect(() => {
    if (!value) return;
    let cancelled = false;
    const load = async () => {
      const detail = await qc.fetchQuery({ queryKey: qk.region(value), queryFn: () => orgApi.region(value), staleTime: STALE_MS });
      const ancestors = detail.path.map((p) => p.code).filter((c) => c !== value);
      const lists = await Promise.all(ancestors.map(children));
      if (!cancelled) add([...lists.flatMap((l) => l.items), detail]);
    };
    load().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [value, qc, add, children]);

  const loadData: TreeSelectProps['loadData'] = async (node) => {
    add((await children(String(node.value))).items);
  };
  const treeData = useMemo(() => [...nodes.values()].sort((a, b) => a.value.localeCompare(b.value)), [nodes]);

  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeDataSimpleMode
      treeData={treeData}
      loadData={loadData}
      showSearch
      treeNodeFilterProp="title"
      placeholder={placeholder ?? t('org.chooseRegion')}
      allowClear={allowClear}
      disabled={disabled}
      loading={top.isPending}
      popupMatchSelectWidth={false}
      className="full-width"
    />
  );
}

/** Departments of a region subtree; those of lower regions carry their region's name. */
export function DepartmentSelect({ regionCode, id, value, onChange, placeholder, allowClear, disabled, 'aria-label': ariaLabel }: ControlProps<string | undefined> & { regionCode: string | undefined }) {
  const t = useT();
  const departments = useDepartments({ regionCode }, Boolean(regionCode));
  const options = (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.regionCode === regionCode ? d.name : `${d.name}（${d.regionName}）` }));
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={departments.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? (regionCode ? t('org.chooseDepartment') : t('org.chooseRegionFirst'))}
      allowClear={allowClear}
      disabled={disabled || !regionCode}
      className="full-width"
    />
  );
}

/** Windows of a region (and department, when given). */
export function WindowSelect({ regionCode, departmentId, id, value, onChange, allowClear, disabled }: ControlProps<string | undefined> & { regionCode: string | undefined; departmentId: string | undefined }) {
  const t = useT();
  const windows = useWindows({ regionCode, departmentId }, Boolean(regionCode));
  const options = (windows.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.number} ${w.name}（${w.hall}）` }));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={windows.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('org.chooseWindow')}
      allowClear={allowClear}
      disabled={disabled || !regionCode}
      className="full-width"
    />
  );
}
