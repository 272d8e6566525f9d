-- 部门负责人: the staff member who heads a department. Warnings, 督办 orders, complaints and bad
-- ratings of the department are also sent to the head; an overdue 督办 order is escalated to them.
alter table departments add column head_account_id uuid references accounts (id);

-- The escalation job looks for orders past their deadline that are still waiting for a reply.
create index supervision_orders_due on supervision_orders (deadline) where status in ('issued', 'escalated');
-- Orders issued about a case (the order page and the case's supervisor view list them).
create index supervision_orders_case on supervision_orders (case_id);
