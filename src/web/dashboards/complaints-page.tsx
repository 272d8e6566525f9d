import { HandlerComplaintPage, HandlerComplaintsPage } from '../complaints/complaint-parts.tsx';
import '../complaints/complaints.css';

/**
 * 投诉 (监管大屏): every complaint in the supervisor's scope, filtered by status, category, overdue,
 * region and department; those about a 综合窗口 without a department are the supervisors' own to take.
 */
export function DashboardComplaintsPage() {
  return <HandlerComplaintsPage base="/dashboards" supervisor />;
}

/** One complaint as a supervisor sees it, with 受理 and 答复 when it is theirs to handle. */
export function DashboardComplaintPage() {
  return <HandlerComplaintPage base="/dashboards" />;
}
