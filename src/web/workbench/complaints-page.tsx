import { HandlerComplaintPage, HandlerComplaintsPage } from '../complaints/complaint-parts.tsx';
import '../complaints/complaints.css';

/** 投诉处理 (工作台): the complaints routed to my department — take them up and answer them by the due date. */
export function WorkbenchComplaintsPage() {
  return <HandlerComplaintsPage base="/workbench" supervisor={false} />;
}

/** One complaint of my department, with 受理 and 答复. */
export function WorkbenchComplaintPage() {
  return <HandlerComplaintPage base="/workbench" />;
}
