import { Alert, Card, Space } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { CaseTask, CaseView } from '../../api/cases.ts';
import { useCase } from '../../api/cases.ts';
import { useMe } from '../../auth/session.ts';
import { ActionButton, type ActionSpec } from '../../cases/action-dialog.tsx';
import { IssueOrderButton } from '../../dashboards/issue-order.tsx';
import { CaseFacts, CaseMaterials, CaseOutcome, CaseTasks, CaseTimeline } from '../../cases/case-parts.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { type Translate, useT } from '../../i18n/index.ts';
import { CaseLicensesPanel } from './case-licenses-panel.tsx';
import { CaseTrustedMaterials } from './case-trusted-materials.tsx';
import { HallRating } from './hall-rating.tsx';

const lines = (v: string | undefined) => (v ?? '').split('\n').map((s) => s.trim()).filter(Boolean);

/** The window's decisions the case's state allows now. */
function windowActions(c: CaseView, t: Translate): ActionSpec[] {
  const specs: ActionSpec[] = [];
  const allowed = new Set(c.allowedActions);
  if (allowed.has('accept')) specs.push({ key: 'accept', label: t('case.act.accept'), path: 'accept', fields: [], toBody: () => ({}) });
  if (allowed.has('request_supplement')) {
    specs.push({
      key: 'request_supplement', label: t('case.act.request_supplement'), path: 'supplement-request',
      // One reason box per material of the guide: the materials with a reason make up the one notice.
      fields: [
        ...c.materials.map((m) => ({ name: `m:${m.key}`, label: t('case.field.materialReason', { name: m.name }), kind: 'text' as const })),
        { name: 'notice', label: t('case.field.notice'), kind: 'textarea' },
      ],
      toBody: (v) => ({
        items: c.materials.filter((m) => v[`m:${m.key}`]?.trim()).map((m) => ({ key: m.key, reason: v[`m:${m.key}`]?.trim() ?? '' })),
        ...(v.notice ? { notice: v.notice } : {}),
      }),
    });
  }
  if (allowed.has('not_accept')) {
    specs.push({
      key: 'not_accept', label: t('case.act.not_accept'), path: 'not-accept', danger: true,
      fields: [{ name: 'reasons', label: t('case.field.reasons'), kind: 'textarea', required: true }, { name: 'notice', label: t('case.field.notice'), kind: 'textarea', required: true }],
      toBody: (v) => ({ reasons: lines(v.reasons), notice: v.notice }),
    });
  }
  if (allowed.has('deliver')) {
    specs.push({
      key: 'deliver', label: t('case.act.deliver'), path: 'deliver',
      fields: [
        { name: 'method', label: t('case.field.method'), kind: 'select', required: true, options: (['window', 'courier', 'online'] as const).map((m) => ({ value: m, label: t(`case.delivery.${m}`) })) },
        { name: 'recipient', label: t('case.field.recipient'), kind: 'text' },
        { name: 'address', label: t('case.field.address'), kind: 'text' },
        { name: 'trackingNumber', label: t('case.field.tracking'), kind: 'text' },
      ],
      toBody: (v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x)),
    });
  }
  return specs;
}

/** The actions on the tasks the caller may work on (role, department, and not held by a colleague). */
function taskActions(c: CaseView, tasks: CaseTask[], t: Translate): ActionSpec[] {
  const specs: ActionSpec[] = [];
  const allowed = new Set(c.allowedActions);
  for (const k of tasks) {
    const base = `tasks/${k.id}`;
    const on = (label: string) => `${label}·${k.stepName}`;
    if (allowed.has('claim') && k.status === 'open') specs.push({ key: `claim-${k.id}`, label: on(t('case.act.claim')), path: `${base}/claim`, fields: [], toBody: () => undefined });
    if (allowed.has('approve')) {
      specs.push({ key: `approve-${k.id}`, label: on(t('case.act.approve')), path: `${base}/approve`, fields: [{ name: 'opinion', label: t('case.opinion'), kind: 'textarea', required: true }], toBody: (v) => ({ opinion: v.opinion }) });
    }
    const earlier = c.tasks.filter((x) => x.stage < k.stage && x.round === k.round);
    if (allowed.has('return') && earlier.length > 0) {
      specs.push({
        key: `return-${k.id}`, label: on(t('case.act.return')), path: `${base}/return`,
        fields: [
          { name: 'toStep', label: t('case.field.toStep'), kind: 'select', required: true, options: [...new Map(earlier.map((x) => [x.stepKey, x.stepName])).entries()].map(([value, label]) => ({ value, label })) },
          { name: 'reason', label: t('case.field.reason'), kind: 'textarea', required: true },
        ],
        toBody: (v) => ({ toStep: v.toStep, reason: v.reason }),
      });
    }
    if (allowed.has('deny')) {
      specs.push({
        key: `deny-${k.id}`, label: on(t('case.act.deny')), path: `${base}/deny`, danger: true,
        fields: [{ name: 'opinion', label: t('case.opinion'), kind: 'textarea', required: true }, { name: 'reasons', label: t('case.field.reasons'), kind: 'textarea', required: true }],
        toBody: (v) => ({ opinion: v.opinion, reasons: lines(v.reasons) }),
      });
    }
  }
  return specs;
}

/** 办件详情 in the workbench: facts, materials, steps, timeline, and the actions the caller may take now. */
export function CaseDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const me = useMe();
  const { c, timeline } = useCase(id);
  const [done, setDone] = useState<string | null>(null);
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorResult error={c.error} onRetry={() => void c.refetch()} />;
  const view = c.data;
  const account = me.data?.account;
  const roles = account?.roles ?? [];
  const dept = account?.scope?.departmentId ?? null;
  const mine = view.tasks.filter(
    (k) => (k.status === 'open' || (k.status === 'claimed' && k.assigneeId === account?.id)) && roles.includes(k.role) && (dept === null || dept === k.departmentId),
  );
  const specs = [...(roles.includes('window_clerk') ? windowActions(view, t) : []), ...taskActions(view, mine, t)];
  return (
    <div className="staff-page">
      <PageTitle title={view.caseNumber ?? view.itemName} />
      <h1>
        {view.itemName} {view.caseNumber ?? ''}
      </h1>
      {done ? <Alert type="success" showIcon closable title={t('case.act.done', { action: done })} className="block-gap" onClose={() => setDone(null)} /> : null}
      {specs.length > 0 ? (
        <Card className="block-gap">
          <Space wrap>
            {specs.map((s) => (
              <ActionButton key={s.key} caseId={view.id} spec={s} onDone={setDone} />
            ))}
          </Space>
        </Card>
      ) : null}
      {roles.includes('supervisor') ? (
        <Card className="block-gap">
          <IssueOrderButton caseId={view.id} />
        </Card>
      ) : null}
      <CaseFacts c={view} guideLink={`/guide/version/${view.versionId}`} />
      <CaseOutcome c={view} />
      <HallRating c={view} />
      <CaseMaterials c={view} />
      <CaseLicensesPanel c={view} />
      <CaseTrustedMaterials c={view} />
      <CaseTasks tasks={view.tasks} />
      {timeline.data ? <CaseTimeline events={timeline.data.items} /> : null}
    </div>
  );
}
