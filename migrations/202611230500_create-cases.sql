-- cases module (办件): applications, window decisions, tasks of the process, timeline, clock pauses,
-- per-region daily case numbers and idempotency keys. The process definition is not copied here:
-- a case points at the exact catalog version it was applied under and reads its steps from there.

-- Per-region daily sequence of case numbers (350703-20261123-00042). An upsert on this row is the
-- one place numbers are drawn, so concurrent submits serialize on it on both engines.
create table case_number_counters (
  region6 text collate "C" not null,
  day text collate "C" not null,
  last_seq integer not null,
  primary key (region6, day)
);

create table cases (
  id uuid primary key default gen_random_uuid(),
  -- null while a draft: a number is given only to a submitted application
  case_number text collate "C",
  state text not null check (state in ('draft', 'submitted', 'supplementing', 'processing', 'suspended',
    'not_accepted', 'withdrawn', 'denied', 'completed', 'delivered')),
  channel text not null check (channel in ('online', 'window')),
  implementation_id uuid not null,
  version_id uuid not null,
  item_name text not null,
  -- the implementing body and its region: scope of every staff action on the case
  region_code text collate "C" not null references regions (code),
  department_id uuid not null references departments (id),
  applicant_account_id uuid references accounts (id),
  -- snapshot at application time: kind, name, masked numbers, legal representative, agent
  applicant jsonb not null,
  applicant_id_number_enc text,
  applicant_id_number_hash text,
  created_by uuid not null references accounts (id),
  form_data jsonb not null default '{}',
  materials jsonb not null default '{}',
  submitted_at timestamptz,
  accepted_at timestamptz,
  accepted_by uuid references accounts (id),
  receipt_number text collate "C",
  limit_days integer,
  limit_unit text check (limit_unit in ('working_day', 'natural_day')),
  due_date date,
  -- index of the running stage of the process (steps after acceptance, parallel groups merged)
  current_stage integer,
  round integer not null default 0,
  supplement_count integer not null default 0,
  supplement_request jsonb,
  deficiency jsonb,
  decision jsonb,
  special_procedure jsonb,
  outcome text check (outcome in ('approved', 'denied')),
  result jsonb,
  completed_at timestamptz,
  delivery jsonb,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index cases_number on cases (case_number) where case_number is not null;
create unique index cases_receipt on cases (receipt_number) where receipt_number is not null;
create index cases_region_state on cases (region_code, state);
create index cases_applicant on cases (applicant_account_id, created_at desc);
create index cases_due on cases (due_date) where state in ('processing', 'suspended');

-- One task per process step and round; steps sharing a parallel group are open at the same time.
create table case_tasks (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  round integer not null,
  stage integer not null,
  step_key text not null,
  step_name text not null,
  role text not null check (role in ('window_clerk', 'approver')),
  department_id uuid not null references departments (id),
  region_code text collate "C" not null,
  parallel_group text,
  status text not null check (status in ('open', 'claimed', 'approved', 'rejected', 'returned', 'cancelled')),
  assignee_id uuid references accounts (id),
  -- the task this one was created by returning from (退回), for the returned queue
  returned_from uuid references case_tasks (id),
  opinion text,
  created_at timestamptz not null default now(),
  claimed_at timestamptz,
  completed_at timestamptz
);
create index case_tasks_case on case_tasks (case_id, round, stage);
create index case_tasks_queue on case_tasks (department_id, role, status) where status in ('open', 'claimed');
create index case_tasks_assignee on case_tasks (assignee_id) where status = 'claimed';

-- The timeline: every transition, who, when, state before and after, opinion.
create table case_events (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  seq integer not null,
  occurred_at timestamptz not null default now(),
  actor_account_id uuid,
  actor_name text not null,
  action text not null,
  from_state text,
  to_state text not null,
  task_id uuid,
  step_name text,
  opinion text,
  data jsonb,
  unique (case_id, seq)
);

-- Intervals when the clock stands still: supplements (补正) and special procedures (特别程序).
create table case_pauses (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  kind text not null check (kind in ('supplement', 'special_procedure')),
  name text not null,
  reason text,
  max_days integer,
  started_at timestamptz not null,
  ended_at timestamptz,
  result text
);
create index case_pauses_case on case_pauses (case_id);

-- Idempotency keys: unique per actor, stored with the first answer so a retry gets the same one.
create table idempotency_keys (
  actor text not null,
  key text not null,
  operation text not null,
  request_hash text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (actor, key)
);
