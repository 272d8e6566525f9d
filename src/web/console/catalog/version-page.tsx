import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { catalogApi, catalogKeys, type ReviewBody, useCatalogDiff, useCatalogVersion, type VersionView } from '../../api/catalog.ts';
import { useMe } from '../../auth/session.ts';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { GuideView } from '../../portal/catalog/guide-view.tsx';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { DiffView } from './diff-view.tsx';
import { operationLabel, VersionStatusTag } from './version-status.tsx';

/** Approve or reject a version under review; the author sees why they cannot. */
function ReviewPanel({ version: v }: { version: VersionView }) {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [comment, setComment] = useState('');
  const [missingComment, setMissingComment] = useState(false);
  const review = useMutation({
    mutationFn: (body: ReviewBody) => catalogApi.review(v.id, body),
    onSuccess: async (_, body) => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(body.decision === 'approve' ? t('catalogAdmin.approved') : t('catalogAdmin.rejected'));
      void navigate('/console/catalog/review');
    },
  });
  if (v.status !== 'in_review') return null;
  if (me.data?.account.id === v.authorId) {
    return <Alert type="info" showIcon className="review-panel" title={t('catalogAdmin.needsOther')} description={t('catalogAdmin.needsOtherLong')} />;
  }
  const decide = (decision: ReviewBody['decision']) => {
    const text = comment.trim();
    if (decision === 'reject' && !text) {
      setMissingComment(true);
      return;
    }
    setMissingComment(false);
    review.mutate({ decision, ...(text ? { comment: text } : {}) });
  };
  return (
    <section className="review-panel" aria-labelledby="review-panel-title">
      <h2 id="review-panel-title">{t('catalogAdmin.decision')}</h2>
      <p className="muted">{v.operation === 'cancel' ? t('catalogAdmin.approveCancelHint') : t('catalogAdmin.approveHint')}</p>
      <label htmlFor="review-comment" className="field-label">
        {t('catalogAdmin.comment')}
      </label>
      <Input.TextArea
        id="review-comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={1000}
        rows={3}
        aria-describedby="review-comment-hint"
        status={missingComment ? 'error' : undefined}
        aria-invalid={missingComment}
      />
      <p id="review-comment-hint" className={missingComment ? 'field-error' : 'muted'} role={missingComment ? 'alert' : undefined}>
        {missingComment ? t('catalogAdmin.rejectNeedsComment') : t('catalogAdmin.commentHint')}
      </p>
      {review.isError ? <Alert type="error" showIcon title={errorText(review.error)} className="block-gap" /> : null}
      <div className="button-row start block-gap">
        <Button type="primary" loading={review.isPending && review.variables.decision === 'approve'} onClick={() => decide('approve')}>
          {v.operation === 'cancel' ? t('catalogAdmin.approveCancel') : t('catalogAdmin.approve')}
        </Button>
        <Button danger loading={review.isPending && review.variables.decision === 'reject'} onClick={() => decide('reject')}>
          {t('catalogAdmin.reject')}
        </Button>
      </div>
    </section>
  );
}

/** One version for catalog admins: its facts, the diff against the previous version, the guide, and the review. */
export function VersionPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { versionId } = useParams();
  const version = useCatalogVersion(versionId);
  const diff = useCatalogDiff(versionId);
  if (version.isPending) return <Loading />;
  if (version.isError) return <ErrorResult error={version.error} onRetry={() => void version.refetch()} />;
  const v = version.data;
  const title = t('catalogAdmin.nameVersion', { name: v.content.name, n: v.version });

  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <p className="no-print">
        <Link to={`/console/catalog/items/${v.implementationId}`}>{t('catalogAdmin.toImplementation')}</Link>
      </p>
      <div className="page-head impl-head">
        <h1>
          {title} <VersionStatusTag status={v.status} />
        </h1>
      </div>
      <div className="impl-head">
        <dl>
          <div>
            <dt>{t('catalogAdmin.operation')}</dt>
            <dd>{operationLabel(v.operation, t)}</dd>
          </div>
          <div>
            <dt>{t('catalogAdmin.regionDept')}</dt>
            <dd>
              {v.regionName} · {v.departmentName}
            </dd>
          </div>
          <div>
            <dt>{t('catalogAdmin.changeNote')}</dt>
            <dd>{v.changeNote ?? '—'}</dd>
          </div>
          {v.operationDetail?.targetDepartmentName ? (
            <div>
              <dt>{t('catalogAdmin.delegatedTo')}</dt>
              <dd>{v.operationDetail.targetDepartmentName}</dd>
            </div>
          ) : null}
          {v.operationDetail?.mergedImplementations ? (
            <div>
              <dt>{t('catalogAdmin.mergedFrom')}</dt>
              <dd>
                <ul className="plain-list">
                  {v.operationDetail.mergedImplementations.map((m) => (
                    <li key={m.id}>
                      <Link to={`/console/catalog/items/${m.id}`}>{m.name}</Link>（{m.departmentName}）
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('catalogAdmin.author')}</dt>
            <dd>{v.authorName}</dd>
          </div>
          {v.reviewerName ? (
            <div>
              <dt>{t('catalogAdmin.reviewer')}</dt>
              <dd>{v.reviewerName}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('catalogAdmin.submittedAt')}</dt>
            <dd>{formatDateTime(v.submittedAt, lang)}</dd>
          </div>
          {v.reviewComment ? (
            <div>
              <dt>{t('catalogAdmin.reviewComment')}</dt>
              <dd>{v.reviewComment}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <ReviewPanel version={v} />
      <Tabs
        items={[
          {
            key: 'diff',
            label: t('catalogAdmin.diffTab'),
            children: diff.isPending ? <Loading /> : diff.isError ? <ErrorResult error={diff.error} onRetry={() => void diff.refetch()} /> : <DiffView diff={diff.data} version={v.version} />,
          },
          { key: 'guide', label: t('catalogAdmin.guideTab'), children: <GuideView version={v} headingLevel={2} idPrefix="review-guide" /> },
        ]}
      />
    </div>
  );
}
