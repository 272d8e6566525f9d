import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Drawer, Empty, Input, Radio, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LIFE_EVENT_ICONS } from '../../../common/schemas/life-events.ts';
import { useCatalogSearch } from '../../api/catalog.ts';
import { ApiError } from '../../api/client.ts';
import { type Audience, type LifeEventView, lifeEventKeys, lifeEventsApi, useAdminLifeEvents, useLifeEvent } from '../../api/life-events.ts';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useDebounced } from '../../components/use-debounced.ts';
import { useT } from '../../i18n/index.ts';
import { useCountyOptions } from '../../portal/county-picker.tsx';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import '../../portal/catalog/catalog.css';

type Icon = (typeof LIFE_EVENT_ICONS)[number];
interface MemberDraft {
  basicCode: string;
  name: string;
  note: string;
}
interface Draft {
  code: string;
  name: string;
  audience: Audience;
  icon: Icon;
  description: string;
  members: MemberDraft[];
}

const EMPTY: Draft = { code: '', name: '', audience: 'person', icon: 'other', description: '', members: [] };

function draftOf(e: LifeEventView): Draft {
  return { code: e.code, name: e.name, audience: e.audience, icon: e.icon, description: e.description, members: e.members.map((m) => ({ basicCode: m.basicCode, name: m.name, note: m.note ?? '' })) };
}

/** Pick a base item by typing its name (from the published catalog). */
function MemberPicker({ onPick, exclude }: { onPick: (m: MemberDraft) => void; exclude: string[] }) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useCatalogSearch({ q: q || undefined, page: 1, pageSize: 200 }, q.length > 0);
  const seen = new Map<string, string>();
  for (const h of search.data?.items ?? []) if (!seen.has(h.basicCode) && !exclude.includes(h.basicCode)) seen.set(h.basicCode, h.name);
  return (
    <div className="filter">
      <label htmlFor="le-member-pick" className="field-label">
        {t('lifeEventsAdmin.addMember')}
      </label>
      <AutoComplete
        id="le-member-pick"
        value={text}
        options={[...seen].map(([code, name]) => ({ value: code, label: `${name}（${code}）` }))}
        onChange={(v: string) => setText(v)}
        onSelect={(code: string) => {
          onPick({ basicCode: code, name: seen.get(code) ?? code, note: '' });
          setText('');
        }}
        placeholder={t('lifeEventsAdmin.addMemberPlaceholder')}
        style={{ width: '100%' }}
      />
    </div>
  );
}

/** 合并报告: how the event resolves in a county — missing items, conflicting fields, what merging saves. */
function MergeReport({ code }: { code: string }) {
  const t = useT();
  const { options } = useCountyOptions();
  const [region, setRegion] = useState<string | undefined>(undefined);
  const chosen = region ?? options[1]?.value;
  const report = useLifeEvent(chosen ? code : undefined, chosen);
  return (
    <section aria-labelledby="le-report" className="block-gap">
      <h2 id="le-report">{t('lifeEventsAdmin.report')}</h2>
      <label htmlFor="le-report-region" className="field-label">
        {t('portal.chooseCounty')}
      </label>
      <Select id="le-report-region" value={chosen} onChange={setRegion} options={options} style={{ minWidth: 200 }} />
      {report.isPending && chosen ? <Loading /> : null}
      {report.isError ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? (
        <div className="block-gap" aria-live="polite">
          <p>
            {t('lifeEvents.implemented', { n: report.data.implementedCount, total: report.data.members.length })}；
            {t('lifeEvents.formSaved', { before: report.data.mergedForm.fieldsBefore, after: report.data.mergedForm.fieldsAfter })}；
            {t('lifeEvents.materialsSaved', { before: report.data.mergedMaterials.before, after: report.data.mergedMaterials.after })}
          </p>
          {report.data.members.filter((m) => !m.implementation).map((m) => (
            <Alert key={m.basicCode} type="warning" showIcon title={`${m.name}：${t('lifeEvents.notImplemented', { region: report.data.region.name })}`} className="block-gap" />
          ))}
          {report.data.mergedForm.conflicts.length === 0 ? (
            <Alert type="success" showIcon title={t('lifeEventsAdmin.noConflicts')} className="block-gap" />
          ) : (
            <Alert
              type="warning"
              showIcon
              className="block-gap"
              title={t('lifeEventsAdmin.conflicts', { n: report.data.mergedForm.conflicts.length })}
              description={
                <ul className="plain-list">
                  {report.data.mergedForm.conflicts.map((c) => (
                    <li key={c.field}>{c.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          <p className="block-gap">
            <Link to={`/services/life-events/${code}?region=${report.data.region.code}`} target="_blank">
              {t('lifeEventsAdmin.preview')}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** Create or edit a life event: fields, ordered members with notes; then the merge report. */
function Editor({ editing, onClose }: { editing: LifeEventView | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [d, setD] = useState<Draft>(editing ? draftOf(editing) : EMPTY);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setMember = (i: number, patch: Partial<MemberDraft>) => set({ members: d.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const move = (i: number, by: number) => {
    const list = [...d.members];
    const [m] = list.splice(i, 1);
    if (m) list.splice(i + by, 0, m);
    set({ members: list });
  };
  const save = useMutation({
    mutationFn: () => {
      const fields = { name: d.name, audience: d.audience, icon: d.icon, description: d.description, members: d.members.map((m) => ({ basicCode: m.basicCode, ...(m.note.trim() ? { note: m.note.trim() } : {}) })) };
      return editing ? lifeEventsApi.update(editing.code, fields) : lifeEventsApi.create({ ...fields, code: d.code });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: lifeEventKeys.all });
      void message.success(t('common.saved'));
      if (!editing) onClose();
    },
  });
  const details = save.error instanceof ApiError && Array.isArray(save.error.details) ? (save.error.details as { path: string; message: string }[]) : [];
  return (
    <Drawer open size={720} title={editing ? t('lifeEventsAdmin.edit', { name: editing.name }) : t('lifeEventsAdmin.create')} onClose={onClose} destroyOnHidden>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="editor-grid">
          <div>
            <label htmlFor="le-code" className="field-label">{t('lifeEventsAdmin.code')}</label>
            <Input id="le-code" value={d.code} disabled={Boolean(editing)} onChange={(e) => set({ code: e.target.value })} maxLength={40} aria-describedby="le-code-hint" />
            <p id="le-code-hint" className="muted">{t('lifeEventsAdmin.codeHint')}</p>
          </div>
          <div>
            <label htmlFor="le-name" className="field-label">{t('lifeEventsAdmin.name')}</label>
            <Input id="le-name" value={d.name} onChange={(e) => set({ name: e.target.value })} maxLength={100} />
          </div>
          <div>
            <span className="field-label" id="le-audience">{t('catalog.servesTo')}</span>
            <Radio.Group aria-labelledby="le-audience" value={d.audience} onChange={(e) => set({ audience: e.target.value as Audience })}>
              <Radio value="person">{t('catalog.servesTo.person')}</Radio>
              <Radio value="legal_person">{t('catalog.servesTo.legal_person')}</Radio>
            </Radio.Group>
          </div>
          <div>
            <label htmlFor="le-icon" className="field-label">{t('lifeEventsAdmin.icon')}</label>
            <Select id="le-icon" value={d.icon} onChange={(v: Icon) => set({ icon: v })} options={LIFE_EVENT_ICONS.map((i) => ({ value: i, label: t(`lifeEvents.icon.${i}`) }))} style={{ width: '100%' }} />
          </div>
        </div>
        <label htmlFor="le-description" className="field-label block-gap">{t('lifeEventsAdmin.description')}</label>
        <Input.TextArea id="le-description" value={d.description} onChange={(e) => set({ description: e.target.value })} maxLength={500} rows={2} />

        <h3 className="block-gap">{t('lifeEvents.items')}</h3>
        {d.members.length === 0 ? <p className="muted">{t('lifeEventsAdmin.noMembers')}</p> : null}
        <ol className="plain-list">
          {d.members.map((m, i) => (
            <li key={m.basicCode} className="editor-list-item">
              <div className="editor-list-head">
                <span>
                  {m.name} <span className="code-text muted">{m.basicCode}</span>
                </span>
                <span>
                  <Button type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('lifeEventsAdmin.moveUp', { name: m.name })} />
                  <Button type="text" icon={<ArrowDownOutlined />} disabled={i === d.members.length - 1} onClick={() => move(i, 1)} aria-label={t('lifeEventsAdmin.moveDown', { name: m.name })} />
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => set({ members: d.members.filter((_, j) => j !== i) })} aria-label={t('lifeEventsAdmin.remove', { name: m.name })} />
                </span>
              </div>
              <label htmlFor={`le-note-${i}`} className="field-label">{t('lifeEventsAdmin.note')}</label>
              <Input id={`le-note-${i}`} value={m.note} onChange={(e) => setMember(i, { note: e.target.value })} maxLength={60} placeholder={t('lifeEventsAdmin.notePlaceholder')} />
            </li>
          ))}
        </ol>
        <MemberPicker exclude={d.members.map((m) => m.basicCode)} onPick={(m) => set({ members: [...d.members, m] })} />
        {save.isError ? (
          <Alert
            type="error"
            showIcon
            className="block-gap"
            title={errorText(save.error)}
            description={details.length > 0 ? <ul className="check-issues">{details.map((x) => <li key={x.path}>{x.message}</li>)}</ul> : undefined}
          />
        ) : null}
        <p className="block-gap">
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </p>
      </form>
      {editing ? <MergeReport code={editing.code} /> : null}
    </Drawer>
  );
}

/** 一件事管理: the life events of the admin's region, with create/edit, the merge report, publish and withdraw. */
export function LifeEventsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { lang } = usePrefs();
  const list = useAdminLifeEvents();
  const [editing, setEditing] = useState<LifeEventView | null | 'new'>(null);
  const toggle = useMutation({
    mutationFn: (e: LifeEventView) => (e.status === 'published' ? lifeEventsApi.unpublish(e.code) : lifeEventsApi.publish(e.code)),
    onSuccess: async (e) => {
      await qc.invalidateQueries({ queryKey: lifeEventKeys.all });
      void message.success(t(e.status === 'published' ? 'lifeEventsAdmin.published' : 'lifeEventsAdmin.unpublished', { name: e.name }));
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const columns: TableColumnsType<LifeEventView> = [
    { title: t('lifeEventsAdmin.name'), dataIndex: 'name', render: (_: unknown, e) => <Button type="link" onClick={() => setEditing(e)}>{e.name}</Button> },
    { title: t('lifeEventsAdmin.code'), dataIndex: 'code', render: (c: string) => <span className="code-text">{c}</span> },
    { title: t('catalog.servesTo'), dataIndex: 'audience', render: (a: Audience) => t(`catalog.servesTo.${a}`) },
    { title: t('lifeEvents.items'), key: 'members', render: (_: unknown, e) => e.members.map((m) => m.name).join('、') },
    { title: t('lifeEventsAdmin.region'), dataIndex: 'regionName' },
    { title: t('lifeEventsAdmin.status'), dataIndex: 'status', render: (s: LifeEventView['status']) => <span className={`version-status vs-${s}`}>{t(`lifeEventsAdmin.status.${s}`)}</span> },
    { title: t('lifeEventsAdmin.updatedAt'), dataIndex: 'updatedAt', render: (d: string) => formatDateTime(d, lang) },
    {
      title: t('common.actions'), key: 'actions',
      render: (_: unknown, e) => (
        <Button type="link" danger={e.status === 'published'} loading={toggle.isPending && toggle.variables.code === e.code} onClick={() => toggle.mutate(e)}>
          {e.status === 'published' ? t('lifeEventsAdmin.unpublish') : t('lifeEventsAdmin.publish')}
        </Button>
      ),
    },
  ];
  return (
    <div className="staff-page">
      <PageTitle title={t('console.lifeEvents')} />
      <div className="page-head">
        <h1>{t('console.lifeEvents')}</h1>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('lifeEventsAdmin.create')}
        </Button>
      </div>
      <p className="muted">{t('lifeEventsAdmin.lead')}</p>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <Empty description={t('lifeEventsAdmin.none')} /> : null}
      {list.isPending || (list.data && list.data.items.length > 0) ? (
        <ScrollRegion label={t('console.lifeEvents')}>
          <Table rowKey="code" loading={list.isPending} dataSource={list.data?.items ?? []} columns={columns} pagination={false} />
        </ScrollRegion>
      ) : null}
      {editing ? <Editor editing={editing === 'new' ? null : (list.data?.items.find((e) => e.code === editing.code) ?? editing)} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
