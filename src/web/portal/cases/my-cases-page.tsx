import { Alert, Button, Card, Empty, Form, List, Space, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CaseListItem, CaseView, MaterialEntry } from '../../api/cases.ts';
import { casesApi, useCase, useCaseAction, useMyCases } from '../../api/cases.ts';
import { CaseClockView, CaseFacts, CaseMaterials, CaseOutcome, CaseStateTag, CaseTimeline } from '../../cases/case-parts.tsx';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { IssuedLicenseCard } from '../licenses/license-parts.tsx';
import { RateCaseCard } from './rate-case.tsx';

/** 我的办件: every case of the logged-in applicant with its state and time limit. */
export function MyCasesPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [page, setPage] = useState(1);
  const list = useMyCases(page);
  return (
    <div className="gov-container page-body">
      <PageTitle title={t('case.mine')} />
      <h1>{t('case.mine')}</h1>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? <Empty description={t('case.empty')} /> : null}
      <List<CaseListItem>
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage } : false}
        renderItem={(c) => (
          <List.Item key={c.id}>
            <Card className="case-card" title={<Link to={`/account/cases/${c.id}`}>{c.itemName}</Link>} extra={<CaseStateTag state={c.state} />}>
              <p>
                {t('case.number')}：{c.caseNumber ?? '—'} · {t('case.submittedAt')}：{formatDateTime(c.submittedAt, lang)}
              </p>
              <CaseClockView clock={c.clock} />
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}

/** The supplement form: one upload per material the window listed, sent together (补正). */
function SupplementForm({ c }: { c: CaseView }) {
  const t = useT();
  const errorText = useErrorText();
  const action = useCaseAction(c.id);
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [uploadError, setUploadError] = useState<unknown>(null);
  const items = c.supplementRequest?.items ?? [];
  const ready = items.every((i) => files[i.key]);
  const submit = async () => {
    setUploadError(null);
    try {
      const materials: Record<string, MaterialEntry> = {};
      for (const i of items) {
        const f = files[i.key];
        if (f) materials[i.key] = { via: 'upload', fileIds: [(await casesApi.upload(f)).id] };
      }
      await action.mutateAsync({ path: 'supplement', body: { materials } });
    } catch (e) {
      setUploadError(e);
    }
  };
  const error = uploadError ?? (action.isError ? action.error : null);
  return (
    <Card title={<h2 className="card-title">{t('case.act.supplement')}</h2>} className="block-gap">
      {error ? <Alert type="error" showIcon title={errorText(error)} className="block-gap" /> : null}
      <Form layout="vertical">
        {items.map((i) => (
          <Form.Item key={i.key} label={t('case.field.file', { name: i.name })} extra={i.reason}>
            <Upload
              maxCount={1}
              beforeUpload={(f) => {
                setFiles((prev) => ({ ...prev, [i.key]: f }));
                // Kept in the page until the whole supplement is sent.
                return false;
              }}
              onRemove={() => setFiles((prev) => ({ ...prev, [i.key]: undefined }))}
            >
              <Button>{t('case.chooseFile')}</Button>
            </Upload>
          </Form.Item>
        ))}
        <Button type="primary" disabled={!ready} loading={action.isPending} onClick={() => void submit()}>
          {t('case.act.supplement')}
        </Button>
      </Form>
    </Card>
  );
}

/** One of my cases: state, time limit, what the window asked for (and the supplement form), result, history. */
export function MyCasePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { c, timeline } = useCase(id);
  const withdraw = useCaseAction(id);
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorResult error={c.error} onRetry={() => void c.refetch()} />;
  const view = c.data;
  return (
    <div className="gov-container page-body">
      <PageTitle title={view.itemName} />
      <h1>{view.itemName}</h1>
      <CaseFacts c={view} guideLink={`/guide/version/${view.versionId}`} />
      <CaseOutcome c={view} />
      {/* 办结: the result as an electronic license, to download here (结果下载). */}
      <IssuedLicenseCard caseId={view.id} completedAt={view.completedAt} completed={view.state === 'completed' || view.state === 'delivered'} />
      <RateCaseCard caseId={view.id} state={view.state} />
      {view.allowedActions.includes('supplement') ? <SupplementForm c={view} /> : null}
      {view.allowedActions.includes('withdraw') ? (
        <Space className="block-gap">
          <Button danger loading={withdraw.isPending} onClick={() => withdraw.mutate({ path: 'withdraw', body: {} })}>
            {t('case.act.withdraw')}
          </Button>
        </Space>
      ) : null}
      {view.state !== 'draft' ? <p className="block-gap"><Link to={`/account/complaints/new?caseId=${view.id}`}>{t('complaint.fileAbout')}</Link></p> : null}
      <CaseMaterials c={view} />
      {timeline.data ? <CaseTimeline events={timeline.data.items} /> : null}
    </div>
  );
}
