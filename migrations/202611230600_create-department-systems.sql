-- Department systems (部门自建系统): a department's own approval system receives its accepted cases
-- by signed webhook and reports progress and results back (数据回流).

create table department_systems (
  id uuid primary key default gen_random_uuid(),
  -- One system per department: the case's implementing department decides where a case goes.
  department_id uuid not null unique references departments (id),
  name text not null,
  webhook_url text not null,
  -- The shared HMAC secret, encrypted with the platform's PII key (it signs both directions).
  secret_enc text not null,
  -- Events subscribed, e.g. ["case.accepted", "case.completed"].
  events jsonb not null default '["case.accepted"]'::jsonb,
  active boolean not null default true,
  secret_rotated_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per event sent to a system; every attempt (first send, retries, a manual retry) updates it.
create table department_deliveries (
  id uuid primary key default gen_random_uuid(),
  system_id uuid not null references department_systems (id),
  case_id uuid not null references cases (id),
  event text not null,
  -- The idempotency key the receiver dedupes by (X-Tongban-Event-Id); the same on every attempt.
  event_id uuid not null unique,
  -- The body is fixed at the event so that every attempt sends the same document.
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index department_deliveries_system_idx on department_deliveries (system_id, created_at desc);
create index department_deliveries_case_idx on department_deliveries (case_id);

-- Inbound calls already processed, by the caller's event id: a replay is refused.
create table department_inbound_events (
  system_id uuid not null references department_systems (id),
  event_id text not null,
  case_id uuid not null references cases (id),
  kind text not null,
  received_at timestamptz not null default now(),
  primary key (system_id, event_id)
);
