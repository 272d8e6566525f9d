import { Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { ReactNode } from 'react';
import type { ListResult } from '../../components/list-page.tsx';
import { CLIENT_PAGINATION } from '../../components/list-page.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import './licenses.css';

interface LicenseListProps<T> {
  title: string;
  action?: ReactNode;
  filters?: ReactNode;
  result: ListResult<T>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  pagination?: TablePaginationConfig;
  children?: ReactNode;
}

/**
 * The list pages of the licenses module: ListPage's layout (heading and action, filter bar, load error
 * with retry, a focusable scroll region) with a compact table whose cells wrap, so that a registry row
 * fits the 1280-pixel screen a window or office desk has without sideways scrolling.
 */
export function LicenseList<T extends object>({ title, action, filters, result, columns, rowKey, pagination = CLIENT_PAGINATION, children }: LicenseListProps<T>) {
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <div className="page-head">
        <h1>{title}</h1>
        {action}
      </div>
      {filters ? <div className="filter-bar">{filters}</div> : null}
      {result.isError ? <ErrorResult error={result.error} onRetry={() => void result.refetch()} /> : null}
      <ScrollRegion label={title}>
        <Table<T> rowKey={rowKey} size="small" className="license-table" columns={columns} dataSource={result.data?.items ?? []} loading={result.isFetching} pagination={pagination} />
      </ScrollRegion>
      {children}
    </div>
  );
}
