import { Button, Input, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { PageTitle } from './page-title.tsx';
import { ErrorResult } from './results.tsx';
import { ScrollRegion } from './scroll-region.tsx';
import { useDebounced } from './use-debounced.ts';

/** Lists the server answers whole are paged in the browser, 20 rows a page. */
export const CLIENT_PAGINATION: TablePaginationConfig = { pageSize: 20, showSizeChanger: false };

/** The parts of a list query a list page shows: rows, loading, failure and retry. */
export interface ListResult<T> {
  data: { items: T[] } | undefined;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

interface ListPageProps<T> {
  /** The page's title: the document title, the h1 and the name of the table's scroll region. */
  title: string;
  /** Beside the heading, e.g. the "create" button. */
  action?: ReactNode;
  /** The filter controls (Filter, SearchFilter). */
  filters?: ReactNode;
  result: ListResult<T>;
  columns: TableColumnsType<T>;
  pagination?: TablePaginationConfig;
  /** After the table, e.g. the edit drawer. */
  children?: ReactNode;
}

/** A console list page: heading (+ action), filter bar, load error with retry, a wide scrollable table. */
export function ListPage<T extends { id: string }>({ title, action, filters, result, columns, pagination = CLIENT_PAGINATION, children }: ListPageProps<T>) {
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <div className="page-head">
        <h1>{title}</h1>
        {action}
      </div>
      {filters ? <div className="filter-bar">{filters}</div> : null}
      {result.isError ? <ErrorResult error={result.error} onRetry={() => void result.refetch()} /> : null}
      <ScrollRegion label={title} wide>
        <Table<T> rowKey="id" columns={columns} dataSource={result.data?.items ?? []} loading={result.isFetching} pagination={pagination} />
      </ScrollRegion>
      {children}
    </div>
  );
}

/** The parts of a server-paged list query: the page's rows and the total. */
export interface PagedResult<T> {
  data: { items: T[]; total: number } | undefined;
  isFetching: boolean;
}

interface PagedTableProps<T> {
  /** Name of the scroll region (usually the page's title). */
  label: string;
  columns: TableColumnsType<T>;
  result: PagedResult<T>;
  page: number;
  pageSize: number;
  emptyText: string;
  /** A page was picked (the caller usually writes it to the URL). */
  onPage: (page: number) => void;
}

/** A server-paged table in its own scroll region: the current page from the caller, the total from the answer. */
export function PagedTable<T extends { id: string }>({ label, columns, result, page, pageSize, emptyText, onPage }: PagedTableProps<T>) {
  const t = useT();
  return (
    <ScrollRegion label={label} wide>
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={result.data?.items ?? []}
        loading={result.isFetching}
        locale={{ emptyText }}
        pagination={{ current: page, pageSize, total: result.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => t('common.total', { n }), onChange: onPage }}
      />
    </ScrollRegion>
  );
}

/** One labelled filter of a filter bar; `htmlFor` is the id of the control inside. */
export function Filter({ htmlFor, label, children }: { htmlFor: string; label: string; children: ReactNode }) {
  return (
    <div className="filter">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
    </div>
  );
}

/** A labelled free-text filter. */
export function SearchFilter({ id, label, value, onChange, maxLength }: { id: string; label: string; value: string; onChange: (text: string) => void; maxLength: number }) {
  return (
    <Filter htmlFor={id} label={label}>
      <Input id={id} value={value} onChange={(e) => onChange(e.target.value)} allowClear maxLength={maxLength} />
    </Filter>
  );
}

/** The text of a search box, and the trimmed query it stands for once typing pauses (undefined when blank). */
export function useSearchText(onChange?: () => void) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  return {
    q: q || undefined,
    search: {
      value: text,
      onChange: (value: string) => {
        setText(value);
        onChange?.();
      },
    },
  };
}

/**
 * A server-paged table with a search box: the page number, the debounced query, and filters that go
 * back to page 1 when they change.
 */
export function usePagedTable(pageSize = 20) {
  const t = useT();
  const [page, setPage] = useState(1);
  const { q, search } = useSearchText(() => setPage(1));
  /** Wrap a filter's setter so that changing the filter shows the first page. */
  const firstPage =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
    };
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: false,
    showTotal: (n) => t('common.total', { n }),
    onChange: setPage,
  });
  return { page, pageSize, q, search, firstPage, pagination };
}

/** The "edit" link of a table row, named after the row for screen readers. */
export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const t = useT();
  return (
    <Button type="link" onClick={onClick} aria-label={t('common.editNamed', { name })}>
      {t('common.edit')}
    </Button>
  );
}

interface ListEditingOptions<T> {
  /** Whether the viewer may create and edit (else no create button and no edit column). */
  canEdit?: boolean;
  /** The create button's text. */
  createLabel: string;
  /** A row's name for its edit link; without it, no edit column (the page draws its own actions). */
  nameOf?: (row: T) => string;
}

/**
 * Creating and editing the rows of a list page: which record the edit drawer shows (`target`:
 * undefined while closed, null for a new record, else the row), the create button and the edit column.
 */
export function useListEditing<T>({ canEdit = true, createLabel, nameOf }: ListEditingOptions<T>) {
  const t = useT();
  const [target, setTarget] = useState<T | null | undefined>(undefined);
  const edit = (row: T) => setTarget(row);
  const editColumns: TableColumnsType<T> =
    canEdit && nameOf
      ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, row: T) => <EditButton name={nameOf(row)} onClick={() => edit(row)} /> }]
      : [];
  return {
    target,
    edit,
    close: () => setTarget(undefined),
    createButton: canEdit ? (
      <Button type="primary" onClick={() => setTarget(null)}>
        {createLabel}
      </Button>
    ) : null,
    editColumns,
  };
}
