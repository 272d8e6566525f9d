import { TicketListPage, TicketPage } from '../ratings/ratings-parts.tsx';

/** 差评整改 (监管): every ticket of my region, overdue ones tagged 已超期 in red. */
export function SupervisorTicketsPage() {
  return <TicketListPage base="/dashboards" supervisor />;
}

/** One ticket for the supervisor: what the department did, and 复核 (通过办结 / 退回) once answered. */
export function SupervisorTicketPage() {
  return <TicketPage base="/dashboards" supervisor />;
}
