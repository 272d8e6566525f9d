import { TicketListPage, TicketPage } from '../ratings/ratings-parts.tsx';

/** 差评整改 (工作台): the tickets of my department — verify, rectify and answer each by its due date. */
export function WorkbenchTicketsPage() {
  return <TicketListPage base="/workbench" supervisor={false} />;
}

/** One ticket of my department, with the step it is waiting for (核实 / 整改 / 答复). */
export function WorkbenchTicketPage() {
  return <TicketPage base="/workbench" supervisor={false} />;
}
