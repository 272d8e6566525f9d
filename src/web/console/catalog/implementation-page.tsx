import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Select, Table, type TableColumnsType, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { catalogApi, catalogKeys, type StartOperationBody, useCatalogAll, useCatalogVersions, type VersionView } from '../../api/catalog.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { DepartmentSelect } from '../../components/org-selects.tsx';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useT } from '../../i18n/index.ts';
import { GuideView } from '../../portal/catalog/guide-view.tsx';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { CancelDraftPanel, DraftEditor } from './draft-editor.tsx';
import { operationLabel, VersionStatusTag } from './version-status.tsx';

type Operation = StartOperationBody['operation'];

const OPERATION_TEXT = {
  change: { title: 'catalogAdmin.startChange', lead: 'catalogAdmin.changeLead' },
  cancel: { title: 'catalogAdmin.startCancel', lead: 'catalogAdmin.cancelLead' },
  delegate: { title: 'catalogAdmin.startDelegate', lead: 'catalogAdmin.delegateLead' },
  merge: { title: 'catalogAdmin.startMerge', lead: 'catalogAdmin.mergeLead' },
} as const;

/** Published items of the same region other than this one: what a merge may absorb. */
function MergeCandidates({ head, value, onChange, invalid }: { head: VersionView; value: string[]; onChange: (ids: string[]) => void; invalid: boolean }) {
  const t = useT();
  const all = useCatalogAll({ regionCode: head.regionCode });
  const options = (all.data?.items ?? [])
    .filter((h) => h.implementationId !== head.implementationId && h.regionCode === head.regionCode)
    .map((h) => ({ value: h.implementationId, label: `${h.name}（${h.departmentName}）` }));
  return (
    <Select
      id="operation-merged"
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={all.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      status={invalid ? 'error' : undefined}
      aria-invalid={invalid}
      placeholder={t('catalogAdmin.mergedItems')}
      className="full-width"
    />
  );
}

/** 发起变更 / 取消 / 下放 / 整合: asks for the reason (and the receiving body or the merged items), then opens the new draft. */
function OperationDialog({ head, operation, onClose, onStarted }: { head: VersionView; operation: Operation; onClose: () => void; onStarted: (v: VersionView) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<string | undefined>(undefined);
  const [merged, setMerged] = useState<string[]>([]);
  const [missing, setMissing] = useState<'note' | 'target' | 'merged' | null>(null);
  const start = useMutation({
    mutationFn: () =>
      catalogApi.startOperation(head.implementationId, {
        operation,
        changeNote: note.trim(),
        ...(operation === 'delegate' ? { targetDepartmentId: target } : {}),
        ...(operation === 'merge' ? { mergedImplementationIds: merged } : {}),
      }),
    onSuccess: async (v) => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      onStarted(v);
    },
  });
  const text = OPERATION_TEXT[operation];
  const title = t(text.title);
  const fieldError = (id: string, message: string) => (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={title}
      okButtonProps={{ danger: operation === 'cancel', loading: start.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => {
        if (operation === 'delegate' && !target) return setMissing('target');
        if (operation === 'merge' && merged.length === 0) return setMissing('merged');
        if (!note.trim()) return setMissing('note');
        setMissing(null);
        start.mutate();
      }}
    >
      <p>{t(text.lead)}</p>
      {operation === 'delegate' ? (
        <div className="block-gap">
          <label htmlFor="operation-target" className="field-label">
            {t('catalogAdmin.targetDepartment')}
          </label>
          <DepartmentSelect id="operation-target" regionCode={head.regionCode} value={target} onChange={setTarget} />
          {missing === 'target' ? fieldError('operation-target-error', t('catalogAdmin.targetRequired')) : null}
        </div>
      ) : null}
      {operation === 'merge' ? (
        <div className="block-gap">
          <label htmlFor="operation-merged" className="field-label">
            {t('catalogAdmin.mergedItems')}
          </label>
          <MergeCandidates head={head} value={merged} onChange={setMerged} invalid={missing === 'merged'} />
          {missing === 'merged' ? fieldError('operation-merged-error', t('catalogAdmin.mergedRequired')) : null}
        </div>
      ) : null}
      <label htmlFor="operation-note" className="field-label">
        {t('catalogAdmin.reason')}
      </label>
      <Input.TextArea
        id="operation-note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        rows={3}
        status={missing === 'note' ? 'error' : undefined}
        aria-invalid={missing === 'note'}
        aria-describedby={missing === 'note' ? 'operation-note-error' : undefined}
      />
      {missing === 'note' ? fieldError('operation-note-error', t('catalogAdmin.reasonRequired')) : null}
      {start.isError ? <Alert type="error" showIcon title={errorText(start.error)} className="block-gap" /> : null}
    </Modal>
  );
}

/** 放弃草稿: deletes the open draft after a confirmation. */
function AbandonDraftButton({ draft }: { draft: VersionView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const abandon = useMutation({
    mutationFn: () => catalogApi.abandon(draft.id),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(t('catalogAdmin.abandoned'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return <ConfirmButton label={t('catalogAdmin.abandonDraft')} question={t('catalogAdmin.abandonConfirm', { n: draft.version })} onConfirm={() => abandon.mutate()} danger />;
}

/** An implementation for its catalog admins: history, guide in force, change/cancel, and the open draft's editor. */
export function ImplementationPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const { implementationId } = useParams();
  const versions = useCatalogVersions(implementationId);
  const [dialog, setDialog] = useState<Operation | null>(null);
  const [tab, setTab] = useState<string | undefined>(undefined);
  if (versions.isPending) return <Loading />;
  if (versions.isError) return <ErrorResult error={versions.error} onRetry={() => void versions.refetch()} />;

  const list = [...versions.data.items].sort((a, b) => b.version - a.version);
  const current = list.find((v) => v.isCurrent);
  const draft = list.find((v) => v.status === 'draft');
  const inReview = list.find((v) => v.status === 'in_review');
  const head = current ?? list[0];
  if (!head || !implementationId) return <ErrorResult error={null} />;
  const open = draft ?? inReview;
  const canOperate = head.implementationStatus === 'published' && !open;

  const columns: TableColumnsType<VersionView> = [
    {
      title: t('catalogAdmin.version'),
      dataIndex: 'version',
      render: (n: number, v) => <Link to={`/console/catalog/versions/${v.id}`}>{t('guide.versionLine', { n })}</Link>,
    },
    { title: t('common.status'), dataIndex: 'status', render: (s: VersionView['status']) => <VersionStatusTag status={s} /> },
    { title: t('catalogAdmin.operation'), dataIndex: 'operation', render: (op: string) => operationLabel(op, t) },
    { title: t('catalogAdmin.changeNote'), dataIndex: 'changeNote', render: (s: string | null) => s ?? '—' },
    { title: t('catalogAdmin.author'), dataIndex: 'authorName' },
    { title: t('catalogAdmin.reviewer'), dataIndex: 'reviewerName', render: (s: string | null) => s ?? '—' },
    { title: t('catalogAdmin.createdAt'), dataIndex: 'createdAt', render: (s: string) => formatDateTime(s, lang) },
    { title: t('catalogAdmin.publishedAt'), dataIndex: 'publishedAt', render: (s: string | null) => formatDateTime(s, lang) },
  ];

  const tabs = [
    ...(draft
      ? [{ key: 'draft', label: t('catalogAdmin.draftTab', { n: draft.version }), children: draft.operation === 'cancel' ? <CancelDraftPanel draft={draft} /> : <DraftEditor key={draft.id} draft={draft} /> }]
      : []),
    ...(current ? [{ key: 'current', label: t('catalogAdmin.currentTab', { n: current.version }), children: <GuideView version={current} headingLevel={2} idPrefix="current-guide" /> }] : []),
    {
      key: 'history',
      label: t('catalogAdmin.historyTab', { n: list.length }),
      children: (
        <ScrollRegion label={t('catalogAdmin.historyTab', { n: list.length })}>
          <Table rowKey="id" columns={columns} dataSource={list} pagination={false} />
        </ScrollRegion>
      ),
    },
  ];
  const activeTab = tab && tabs.some((x) => x.key === tab) ? tab : (tabs[0]?.key ?? 'history');

  return (
    <div className="staff-page">
      <PageTitle title={head.content.name} />
      <p>
        <Link to="/console/catalog/items">{t('catalogAdmin.toItems')}</Link>
      </p>
      <div className="page-head">
        <h1>{head.content.name}</h1>
        <div className="button-row">
          <Button onClick={() => setDialog('change')} disabled={!canOperate}>
            {t('catalogAdmin.startChange')}
          </Button>
          <Button onClick={() => setDialog('delegate')} disabled={!canOperate}>
            {t('catalogAdmin.startDelegate')}
          </Button>
          <Button onClick={() => setDialog('merge')} disabled={!canOperate}>
            {t('catalogAdmin.startMerge')}
          </Button>
          <Button danger onClick={() => setDialog('cancel')} disabled={!canOperate}>
            {t('catalogAdmin.startCancel')}
          </Button>
          {open ? <AbandonDraftButton draft={open} /> : null}
        </div>
      </div>
      <div className="impl-head">
        <dl>
          <div>
            <dt>{t('guide.basicCode')}</dt>
            <dd>
              <Link to={`/console/catalog/compare?code=${head.basicCode}`} aria-label={t('catalogAdmin.compareNamed', { name: head.content.name, code: head.basicCode })}>
                <span className="code-text">{head.basicCode}</span>
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('guide.implementationCode')}</dt>
            <dd className="code-text">{head.implementationCode}</dd>
          </div>
          <div>
            <dt>{t('catalogAdmin.regionDept')}</dt>
            <dd>
              {head.regionName} · {head.departmentName}
            </dd>
          </div>
          <div>
            <dt>{t('catalogAdmin.implementationStatus')}</dt>
            <dd>
              {head.endedBy ? t(`catalogAdmin.endedBy.${head.endedBy}`) : t(`catalog.implStatus.${head.implementationStatus}`)}
              {head.successorImplementationId ? (
                <>
                  {' · '}
                  <Link to={`/console/catalog/items/${head.successorImplementationId}`}>{t('catalogAdmin.openSuccessor')}</Link>
                </>
              ) : null}
            </dd>
          </div>
          {current ? (
            <div>
              <dt>{t('catalogAdmin.publicPage')}</dt>
              <dd>
                <Link to={`/guide/${implementationId}`}>{t('catalogAdmin.openPublic')}</Link>
              </dd>
            </div>
          ) : null}
        </dl>
      </div>
      {!canOperate && open ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={open.status === 'in_review' ? t('catalogAdmin.inReviewNotice', { n: open.version }) : t('catalogAdmin.draftOpenNotice', { n: open.version })}
          description={open.status === 'in_review' ? <Link to={`/console/catalog/versions/${open.id}`}>{t('catalogAdmin.openReview')}</Link> : undefined}
        />
      ) : null}
      <Tabs activeKey={activeTab} onChange={setTab} items={tabs} />
      {dialog ? (
        <OperationDialog
          head={head}
          operation={dialog}
          onClose={() => setDialog(null)}
          onStarted={(v) => {
            setDialog(null);
            setTab('draft');
            void message.success(t('catalogAdmin.draftOpened', { n: v.version }));
          }}
        />
      ) : null}
    </div>
  );
}
