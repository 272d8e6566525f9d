import { Empty } from 'antd';
import type { DiffChange, DiffResponse, Material, ProcessStep } from '../../api/catalog.ts';
import { type Translate, useT } from '../../i18n/index.ts';
import {
  daysText,
  itemTypeLabel,
  materialLine,
  onlineDepthLabel,
  servesToLabel,
  stepLine,
} from '../../portal/catalog/format.ts';
import { fieldName } from './field-labels.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The top-level field of a diff path ("materials[business-license]" → "materials"). */
function rootOf(path: string): string {
  return path.replace(/\[.*$/, '').split('.')[0] ?? path;
}

/** One value of the guide in words; `field` is the top-level field it belongs to. */
export function formatValue(field: string, v: unknown, t: Translate): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('guide.yes') : t('guide.no');
  if (typeof v === 'number' || typeof v === 'string') {
    if (field === 'itemType') return itemTypeLabel(String(v), t);
    if (field === 'servesTo') return servesToLabel(String(v), t);
    if (field === 'onlineDepth' && typeof v === 'number') return onlineDepthLabel(v, t);
    if (field === 'handlingForm' && (v === 'window' || v === 'online' || v === 'both')) return t(`catalog.handlingForm.${v}`);
    if (field === 'handlingScope' && (v === 'local' || v === 'citywide' || v === 'cross_region')) return t(`catalog.handlingScope.${v}`);
    if (field === 'minRealNameLevel' && (v === 1 || v === 2 || v === 3)) return t(`realName.levelOption.${v}`);
    if (field === 'powerSource' && (v === 'statutory' || v === 'delegated' || v === 'entrusted')) return t(`catalog.powerSource.${v}`);
    return String(v);
  }
  if (Array.isArray(v)) return v.length === 0 ? t('diff.empty') : v.map((x) => formatValue(field, x, t)).join('；');
  if (!isObj(v)) return JSON.stringify(v);
  if (field === 'materials' && 'medium' in v) return materialLine(v as Material, t);
  if (field === 'processSteps' && 'role' in v) return stepLine(v as ProcessStep, t);
  if ('days' in v && 'unit' in v && typeof v.days === 'number') {
    const unit = v.unit === 'working_day' || v.unit === 'natural_day' ? v.unit : undefined;
    return `${daysText(v.days, unit, t)}${typeof v.explanation === 'string' ? `（${v.explanation}）` : ''}`;
  }
  if ('law' in v) return [v.law, v.article].filter(Boolean).join(' ');
  if ('amountYuan' in v) return t('catalog.feeLine', { name: String(v.name), amount: Number(v.amountYuan) });
  if (field === 'appointment' && 'enabled' in v) {
    return v.enabled ? (typeof v.dailyQuota === 'number' ? t('guide.appointmentQuota', { n: v.dailyQuota }) : t('guide.yes')) : t('guide.no');
  }
  return Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${fieldName(k, t)}：${isObj(x) || Array.isArray(x) ? JSON.stringify(x) : formatValue(k, x, t)}`)
    .join('；');
}

/** For a changed material or step: which of its own fields changed. */
function subChanges(field: string, before: unknown, after: unknown, t: Translate): { name: string; before: string; after: string }[] {
  if (!isObj(before) || !isObj(after)) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => {
      const show = (x: unknown) => (k === 'source' && isObj(x) ? sourceText(x, t) : subValue(field, k, x, t));
      return { name: field === 'materials' && k === 'form' ? t('catalogField.materialForm') : fieldName(k, t), before: show(before[k]), after: show(after[k]) };
    });
}

/** A material's or step's own field in words. */
function subValue(field: string, k: string, x: unknown, t: Translate): string {
  if (field === 'materials' && k === 'form' && (x === 'original' || x === 'copy' || x === 'original_and_copy')) return t(`catalog.form.${x}`);
  if (k === 'medium' && (x === 'paper' || x === 'electronic' || x === 'either')) return t(`catalog.medium.${x}`);
  if (k === 'required') return x === 'required' ? t('catalog.required') : t('catalog.conditional');
  if (k === 'role' && (x === 'window_clerk' || x === 'approver')) return t(`catalog.role.${x}`);
  if (k === 'days' && typeof x === 'number') return t('catalog.days.plain', { n: x });
  return formatValue(k, x, t);
}

function sourceText(s: Obj, t: Translate): string {
  if (s.kind === 'license') return t('catalog.source.licenseShort', { name: String(s.licenseTypeName) });
  if (s.kind === 'shared_data') return t('catalog.source.sharedShort', { name: String(s.resourceName) });
  if (s.kind === 'window') return t('catalog.source.window');
  return t('catalog.source.applicant');
}

const isPrimitiveList = (v: unknown): v is (string | number)[] => Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number');

/** For a changed list of texts (conditions, themes…): the entries taken out and put in. */
function listChanges(field: string, before: unknown, after: unknown, t: Translate): { removed: string[]; added: string[] } | null {
  if (!isPrimitiveList(before) || !isPrimitiveList(after)) return null;
  const b = before.map((x) => formatValue(field, x, t));
  const a = after.map((x) => formatValue(field, x, t));
  const removed = b.filter((x) => !a.includes(x));
  const added = a.filter((x) => !b.includes(x));
  // A pure reordering shows as before → after instead.
  return removed.length + added.length > 0 ? { removed, added } : null;
}

const KIND_CLASS: Record<DiffChange['kind'], string> = { added: 'diff-kind diff-added', removed: 'diff-kind diff-removed', changed: 'diff-kind diff-changed' };

/** One change: label, kind, before → after (and, for a material or step, the fields that changed). */
function ChangeItem({ change: c }: { change: DiffChange }) {
  const t = useT();
  const field = rootOf(c.path);
  const subs = c.kind === 'changed' && (field === 'materials' || field === 'processSteps') ? subChanges(field, c.before, c.after, t) : [];
  const list = c.kind === 'changed' ? listChanges(field, c.before, c.after, t) : null;
  return (
    <li className="diff-item">
      <div className="diff-head">
        <span className={KIND_CLASS[c.kind]}>{t(`diff.kind.${c.kind}`)}</span>
        <span className="diff-label">{c.label}</span>
      </div>
      {list ? (
        <ul className="diff-sub">
          {list.removed.map((x, i) => (
            <li key={`r${i}`}>
              {t('diff.kind.removed')}：<span className="diff-before">{x}</span>
            </li>
          ))}
          {list.added.map((x, i) => (
            <li key={`a${i}`}>
              {t('diff.kind.added')}：{x}
            </li>
          ))}
        </ul>
      ) : subs.length > 0 ? (
        <ul className="diff-sub">
          {subs.map((s) => (
            <li key={s.name}>
              {s.name}：<span className="diff-before">{s.before}</span> → {s.after}
            </li>
          ))}
        </ul>
      ) : (
        <dl className="diff-values">
          {c.kind !== 'added' ? (
            <>
              <dt>{t('diff.before')}</dt>
              <dd className={c.kind === 'removed' || c.kind === 'changed' ? 'diff-before' : undefined}>{formatValue(field, c.before, t)}</dd>
            </>
          ) : null}
          {c.kind !== 'removed' ? (
            <>
              <dt>{t('diff.after')}</dt>
              <dd>{formatValue(field, c.after, t)}</dd>
            </>
          ) : null}
        </dl>
      )}
    </li>
  );
}

/** A version's differences against the previous published version, in words. */
export function DiffView({ diff, version }: { diff: DiffResponse; version: number }) {
  const t = useT();
  return (
    <div>
      <p>{diff.against === null ? t('diff.firstVersion', { n: version }) : t('diff.against', { n: version, m: diff.against, count: diff.changes.length })}</p>
      {diff.changes.length === 0 ? (
        <Empty description={t('diff.none')} />
      ) : (
        <ul className="diff-list">
          {diff.changes.map((c) => (
            <ChangeItem key={c.path} change={c} />
          ))}
        </ul>
      )}
    </div>
  );
}
