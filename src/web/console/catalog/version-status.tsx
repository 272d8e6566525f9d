import type { VersionView } from '../../api/catalog.ts';
import { useT } from '../../i18n/index.ts';
import '../../portal/catalog/catalog.css';

/** A version's status as a tag whose text carries the meaning (colour only repeats it). */
export function VersionStatusTag({ status }: { status: VersionView['status'] }) {
  const t = useT();
  return <span className={`version-status vs-${status}`}>{t(`catalog.status.${status}`)}</span>;
}

/** 新增 / 变更 / 取消… of a version. */
export function operationLabel(op: string, t: ReturnType<typeof useT>): string {
  return op === 'add' || op === 'change' || op === 'cancel' || op === 'delegate' || op === 'merge' ? t(`catalog.operation.${op}`) : op;
}
