import { Alert, Card, Steps } from 'antd';
import type { CaseState } from '../../../common/schemas/cases.ts';
import { useMyRating, type MyCaseRating } from '../../api/ratings.ts';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { RatingForm, RatingSummary } from '../../ratings/ratings-parts.tsx';
import { formatDateTime } from '../../site.ts';

/** States in which a case can be rated (办结, 送达, or refused). */
const FINISHED: readonly CaseState[] = ['completed', 'delivered', 'denied', 'not_accepted'];

// The applicant's view of the ticket: 核实 → 整改 → 答复 → 复核 → 办结.
const PROGRESS = ['verifying', 'rectifying', 'replying', 'reviewing', 'closed'] as const;

/** How a bad rating is being handled: the ticket's progress and, once given, the department's reply. */
function TicketProgress({ ticket }: { ticket: NonNullable<MyCaseRating['ticket']> }) {
  const t = useT();
  const { lang } = usePrefs();
  const current = PROGRESS.indexOf(ticket.status);
  return (
    <div className="block-gap">
      <h3>{t('rating.progress', { number: ticket.number })}</h3>
      <Steps
        size="small"
        current={current}
        status={ticket.status === 'closed' ? 'finish' : 'process'}
        items={PROGRESS.map((s) => ({ key: s, title: t(`rating.status.${s}` as MessageKey) }))}
      />
      <p className="muted">{t('rating.progressDue', { date: ticket.dueDate })}</p>
      {ticket.reply ? (
        <Alert
          type="success"
          showIcon
          title={t('rating.replyTitle')}
          description={
            <>
              <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{ticket.reply}</p>
              {ticket.repliedAt ? <p className="muted">{formatDateTime(ticket.repliedAt, lang)}</p> : null}
            </>
          }
        />
      ) : null}
    </div>
  );
}

/**
 * 评价 card of a finished case (好差评): the rating form with the dimensions of the case's channel,
 * or, once rated, the rating and — for a bad one — how its rectification is going and the reply.
 */
export function RateCaseCard({ caseId, state }: { caseId: string; state: CaseState }) {
  const t = useT();
  const finished = FINISHED.includes(state);
  const q = useMyRating(caseId, finished);
  if (!finished) return null;
  const title = <h2 className="card-title">{t('rating.card')}</h2>;
  if (q.isPending) return <Card title={title} className="block-gap"><Loading /></Card>;
  if (q.isError) return <Card title={title} className="block-gap"><ErrorResult error={q.error} onRetry={() => void q.refetch()} /></Card>;
  const r = q.data;
  return (
    <Card title={title} className="block-gap">
      {r.rating ? (
        <>
          <p>{t('rating.thanks')}</p>
          <RatingSummary rating={r.rating} />
          {r.ticket ? <TicketProgress ticket={r.ticket} /> : null}
        </>
      ) : r.canRate ? (
        <>
          <p className="muted">{t(r.channel === 'online' ? 'rating.leadOnline' : 'rating.leadHall')}</p>
          <RatingForm caseId={caseId} channel={r.channel} atWindow={false} />
        </>
      ) : null}
    </Card>
  );
}
