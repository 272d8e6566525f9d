import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Table, type TableColumnsType, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { catalogApi, catalogKeys, type StartOperationBody, useCatalogVersions, type VersionView } from '../../api/catalog.ts';
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

/** 发起变更 / 发起取消: asks for the reason, then opens the new draft. */
function OperationDialog({ implementationId, operation, onClose, onStarted }: { implementationId: string; operation: Operation; onClose: () => void; onStarted: (v: VersionView) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const start = useMutation({
    mutationFn: () => catalogApi.startOperation(implementationId, { operation, changeNote: note.trim() }),
    onSuccess: async (v) => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      onStarted(v);
    },
  });
  const title = operation === 'change' ? t('catalogAdmin.startChange') : t('catalogAdmin.startCancel');
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={title}
      okButtonProps={{ danger: operation === 'cancel', loading: start.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => {
        if (!note.trim()) {
          setMissing(true);
          return;
        }
        start.mutate();
      }}
    >
      <p>{operation === 'change' ? t('catalogAdmin.changeLead') : t('catalogAdmin.cancelLead')}</p>
      <label htmlFor="operation-note" className="field-label">
        {t('catalogAdmin.reason')}
      </label>
      <Input.TextArea
        id="operation-note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        rows={3}
        status={missing ? 'error' : undefined}
        aria-invalid={missing}
        aria-describedby={missing ? 'operation-note-error' : undefined}
      />
      {missing ? (
        <p id="operation-note-error" className="field-error" role="alert">
          {t('catalogAdmin.reasonRequired')}
        </p>
      ) : null}
      {start.isError ? <Alert type="error" showIcon title={errorText(start.error)} className="block-gap" /> : null}
    </Modal>
  );
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
          <Button danger onClick={() => setDialog('cancel')} disabled={!canOperate}>
            {t('catalogAdmin.startCancel')}
          </Button>
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
            <dd>{t(`catalog.implStatus.${head.implementationStatus}`)}</dd>
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
          implementationId={implementationId}
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
