-- supervision module (监管 + 好差评 + 统计): monitoring points and their warnings, supervision orders
-- (督办), complaints (投诉), ratings (好差评) with rectification tickets, and the pre-aggregated daily
-- case statistics the dashboards read.

-- 监察点: what is watched, its level and threshold (days or characters, see the point's unit).
create table monitoring_points (
  code text collate "C" primary key check (code in ('acceptance_overdue', 'processing_near_deadline',
    'processing_overdue', 'repeated_supplement', 'material_beyond_guide', 'suspended_too_long', 'rejected_without_reason')),
  level text not null check (level in ('yellow', 'red')),
  threshold integer not null check (threshold >= 0 and threshold <= 365),
  enabled boolean not null default true,
  updated_by uuid references accounts (id),
  updated_at timestamptz not null default now()
);
insert into monitoring_points (code, level, threshold) values
  ('acceptance_overdue', 'red', 5),          -- working days from submission without a window decision
  ('processing_near_deadline', 'yellow', 2), -- working days left before the due date
  ('processing_overdue', 'red', 0),          -- days past the due date
  ('repeated_supplement', 'yellow', 1),      -- supplement requests allowed before it warns
  ('material_beyond_guide', 'red', 0),       -- complaints or bad ratings citing materials beyond the guide
  ('suspended_too_long', 'red', 30),         -- natural days in a special procedure
  ('rejected_without_reason', 'red', 10);    -- minimum characters of the reasons of a refusal

-- Numeric settings of the module (working days): rectification, complaint and order deadlines.
create table supervision_settings (
  key text collate "C" primary key check (key in ('rectification_days', 'complaint_days', 'order_days', 'order_escalation_days')),
  value integer not null check (value between 1 and 60),
  updated_by uuid references accounts (id),
  updated_at timestamptz not null default now()
);
insert into supervision_settings (key, value) values
  ('rectification_days', 5), ('complaint_days', 5), ('order_days', 3), ('order_escalation_days', 2);

-- 预警: one open warning per case and point; the scan resolves it when the condition no longer holds.
create table warnings (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  point_code text collate "C" not null references monitoring_points (code),
  level text not null check (level in ('yellow', 'red')),
  region_code text collate "C" not null,
  department_id uuid not null references departments (id),
  -- the staff told: the handler(s) and the department's head
  recipients uuid[] not null default '{}',
  detail jsonb not null default '{}',
  status text not null default 'open' check (status in ('open', 'resolved')),
  raised_at timestamptz not null,
  resolved_at timestamptz
);
create unique index warnings_open on warnings (case_id, point_code) where status = 'open';
create index warnings_scope on warnings (region_code, status, level);
create index warnings_raised on warnings (raised_at);

-- 督办: a supervisor orders a body to act on a case by a deadline; it replies; late → escalated.
create table supervision_orders (
  id uuid primary key default gen_random_uuid(),
  number text collate "C" not null unique,
  case_id uuid not null references cases (id),
  warning_id uuid references warnings (id),
  department_id uuid not null references departments (id),
  region_code text collate "C" not null,
  issued_by uuid not null references accounts (id),
  reason text not null,
  requirement text not null,
  deadline date not null,
  status text not null check (status in ('issued', 'replied', 'escalated', 'closed')),
  reply text,
  replied_by uuid references accounts (id),
  replied_at timestamptz,
  review_opinion text,
  escalation_level integer not null default 0,
  escalated_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index supervision_orders_scope on supervision_orders (region_code, status);
create index supervision_orders_department on supervision_orders (department_id, status);

-- 投诉: from the portal, about a case or a window; routed to a department, answered, rated.
create table complaints (
  id uuid primary key default gen_random_uuid(),
  number text collate "C" not null unique,
  complainant_account_id uuid not null references accounts (id),
  case_id uuid references cases (id),
  window_id uuid references service_windows (id),
  department_id uuid not null references departments (id),
  region_code text collate "C" not null,
  category text not null check (category in ('timeliness', 'beyond_guide', 'attitude', 'standard', 'other')),
  content text not null,
  status text not null check (status in ('submitted', 'handling', 'answered', 'closed')),
  handler_account_id uuid references accounts (id),
  answer text,
  answered_at timestamptz,
  due_date date not null,
  satisfaction smallint check (satisfaction between 1 and 5),
  satisfaction_comment text,
  rated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index complaints_scope on complaints (region_code, status);
create index complaints_complainant on complaints (complainant_account_id, created_at desc);

-- 好差评: one rating per case, online (5 dimensions) or in the hall (4 dimensions), levels 1–5.
create table ratings (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null unique references cases (id),
  channel text not null check (channel in ('online', 'hall')),
  rater_account_id uuid references accounts (id),
  real_name boolean not null,
  region_code text collate "C" not null,
  department_id uuid not null references departments (id),
  implementation_id uuid not null,
  overall smallint not null check (overall between 1 and 5),
  efficiency smallint not null check (efficiency between 1 and 5),
  guide_accuracy smallint check (guide_accuracy between 1 and 5),
  convenience smallint check (convenience between 1 and 5),
  usability smallint check (usability between 1 and 5),
  standard smallint check (standard between 1 and 5),
  attitude smallint check (attitude between 1 and 5),
  causes text[] not null default '{}',
  comment text,
  created_at timestamptz not null default now(),
  check (channel <> 'online' or (guide_accuracy is not null and convenience is not null and usability is not null)),
  check (channel <> 'hall' or (standard is not null and attitude is not null))
);
create index ratings_scope on ratings (region_code, department_id, created_at);

-- 整改工单 of a bad rating: verify → rectify → reply to the applicant → review → closed.
create table rectification_tickets (
  id uuid primary key default gen_random_uuid(),
  number text collate "C" not null unique,
  rating_id uuid not null unique references ratings (id),
  case_id uuid not null references cases (id),
  region_code text collate "C" not null,
  department_id uuid not null references departments (id),
  status text not null check (status in ('verifying', 'rectifying', 'replying', 'reviewing', 'closed')),
  due_date date not null,
  substantiated boolean,
  verification text,
  rectification text,
  reply text,
  replied_at timestamptz,
  review_opinion text,
  reviewed_by uuid references accounts (id),
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index rectification_tickets_scope on rectification_tickets (region_code, status, due_date);

-- Pre-aggregated case statistics: one row per day of submission (Asia/Shanghai), implementing region,
-- department, implementation and channel. Rebuilt per day from the cases of that day, so a row is
-- always exactly the aggregate of its cases as of the last refresh.
create table case_stats_daily (
  day date not null,
  region_code text collate "C" not null,
  department_id uuid not null,
  implementation_id uuid not null,
  channel text not null check (channel in ('online', 'window')),
  submitted integer not null,
  full_online integer not null,
  completed integer not null,
  instant integer not null,
  early integer not null,
  overdue integer not null,
  visits integer not null,
  materials integer not null,
  materials_exempt integer not null,
  ratings integer not null,
  rating_sum integer not null,
  good_ratings integer not null,
  bad_ratings integer not null,
  primary key (day, region_code, department_id, implementation_id, channel)
);
create index case_stats_daily_region on case_stats_daily (region_code, day);

-- Small key/value state of the module (the statistics watermark).
create table supervision_state (
  key text collate "C" primary key,
  value text not null,
  updated_at timestamptz not null default now()
);

create index cases_submitted_day on cases (((submitted_at at time zone 'Asia/Shanghai')::date)) where submitted_at is not null;
create index cases_updated on cases (updated_at);
