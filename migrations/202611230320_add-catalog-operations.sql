-- Delegation (下放) and merging (整合): the draft that carries the operation records its parameters,
-- and an implementation that ended by either operation points at the one that took over, so the
-- portal can send a citizen from the old guide to the body that now handles the item.
alter table catalog_versions add column operation_detail jsonb;
alter table catalog_implementations add column successor_id uuid references catalog_implementations (id);
alter table catalog_implementations add column ended_by text check (ended_by in ('cancel', 'delegate', 'merge'));
