import type { Deadline } from '../api/calendar.ts';
import { useT } from '../i18n/index.ts';

/** The parts of a computed time limit this component shows (a case's clock has the same shape). */
export type TimeLimitFacts = Pick<Deadline, 'due' | 'used' | 'left' | 'unit' | 'overdue' | 'overdueDays' | 'paused' | 'provisional' | 'unscheduledYears' | 'extendedFrom'>;

/**
 * A time limit as a person reads it: due date, days used and left, and tags for overdue, paused and
 * provisional (a year with no loaded holiday schedule was assumed to be plain Monday–Friday).
 */
export function TimeLimitStatus({ limit }: { limit: TimeLimitFacts }) {
  const t = useT();
  const unit = t(limit.unit === 'working_day' ? 'time.unitWorking' : 'time.unitNatural');
  return (
    <div className="time-limit">
      <div className="time-limit-line">
        <strong>{t('time.due', { date: limit.due })}</strong>
        <span>{t('time.usedLeft', { used: limit.used, left: limit.left, unit })}</span>
        {limit.overdue ? (
          <span className="status-tag status-danger">{limit.overdueDays > 0 ? t('time.overdue', { days: limit.overdueDays, unit }) : t('time.overdueNoDays')}</span>
        ) : null}
        {limit.paused ? <span className="status-tag status-off">{t('time.paused')}</span> : null}
        {limit.provisional ? <span className="status-tag status-warn">{t('time.provisional')}</span> : null}
      </div>
      {limit.provisional ? <p className="time-limit-note">{t('time.provisionalHint', { years: limit.unscheduledYears.join('、') })}</p> : null}
      {limit.extendedFrom ? <p className="time-limit-note">{t('time.extended', { date: limit.extendedFrom })}</p> : null}
    </div>
  );
}
