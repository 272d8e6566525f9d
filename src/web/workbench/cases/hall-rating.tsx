import { App, Button, Card, Modal } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CaseView } from '../../api/cases.ts';
import { useCaseRating } from '../../api/ratings.ts';
import { hasAnyRole } from '../../auth/roles.ts';
import { useMe } from '../../auth/session.ts';
import { useT } from '../../i18n/index.ts';
import { RatingForm, RatingSummary } from '../../ratings/ratings-parts.tsx';

const FINISHED: readonly CaseView['state'][] = ['completed', 'delivered', 'denied', 'not_accepted'];

/**
 * 窗口评价 (评价器) on a finished window case: the clerk enters the applicant's hall rating once;
 * afterwards the card shows the rating and, for a bad one, a link to its rectification ticket.
 */
export function HallRating({ c }: { c: CaseView }) {
  const t = useT();
  const { message } = App.useApp();
  const clerk = hasAnyRole(useMe().data?.account, ['window_clerk']);
  const relevant = c.channel === 'window' && FINISHED.includes(c.state);
  const q = useCaseRating(c.id, relevant && clerk);
  const [open, setOpen] = useState(false);
  if (!relevant || !clerk || !q.data) return null;
  const r = q.data;
  if (r.rating) {
    return (
      <Card title={<h2 className="card-title">{t('rating.hall.title')}</h2>} className="block-gap">
        <RatingSummary rating={r.rating} />
        {r.ticketId ? (
          <p className="block-gap">
            <Link to={`/workbench/rectification/${r.ticketId}`}>{t('rating.hall.openTicket')}</Link>
          </p>
        ) : null}
      </Card>
    );
  }
  if (!r.canRate) return null;
  return (
    <>
      <Button className="block-gap" onClick={() => setOpen(true)}>
        {t('rating.hall.button')}
      </Button>
      <Modal open={open} title={t('rating.hall.title')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <p className="muted">{t('rating.hall.lead')}</p>
        <RatingForm
          caseId={c.id}
          channel="hall"
          atWindow
          onDone={() => {
            setOpen(false);
            void message.success(t('rating.hall.done'));
          }}
        />
      </Modal>
    </>
  );
}
