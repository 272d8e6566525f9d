-- Append-only, hash-chained audit log. Every state change that matters writes one row in the same
-- transaction as the change. Rows are chained: hash = SM3(prev_hash || canonical row); seq is gapless
-- and assigned under an advisory lock so that concurrent writers never fork the chain.
create table audit_log (
  seq bigint primary key,
  id uuid not null default gen_random_uuid() unique,
  occurred_at timestamptz not null,
  actor text not null,
  actor_account_id uuid,
  request_id text,
  ip text,
  action text not null,
  entity_type text not null,
  entity_id text,
  -- whose personal data the event concerns ("who used my data")
  subject_account_id uuid,
  region_code text,
  purpose text,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_entity on audit_log (entity_type, entity_id);
create index audit_log_subject on audit_log (subject_account_id) where subject_account_id is not null;
create index audit_log_actor on audit_log (actor_account_id) where actor_account_id is not null;

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op;
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
