-- identity module: accounts (citizen, enterprise, staff), roles with a data scope, sessions.
-- ID and phone numbers are stored encrypted (SM4 + HMAC-SM3) beside a keyed lookup hash.
create table accounts (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('citizen', 'enterprise', 'staff')),
  status text not null default 'active' check (status in ('active', 'locked', 'disabled', 'deregistered')),
  display_name text not null,
  username text,
  id_number_enc text,
  id_number_hash text,
  credit_code text,
  legal_rep_name text,
  phone_enc text,
  phone_hash text,
  email text,
  real_name_level smallint not null default 1 check (real_name_level between 1 and 3),
  password_hash text not null,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  scope_region_code text collate "C" references regions (code),
  scope_department_id uuid references departments (id),
  -- county of the ID number (citizen) or of the registering authority (enterprise), for statistics
  home_region_code text collate "C",
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz,
  deregistered_at timestamptz,
  deregister_reason text,
  check (kind <> 'staff' or (username is not null and scope_region_code is not null)),
  check (kind <> 'citizen' or id_number_hash is not null),
  check (kind <> 'enterprise' or credit_code is not null)
);
create unique index accounts_username on accounts (username) where username is not null;
create unique index accounts_citizen_id on accounts (id_number_hash) where kind = 'citizen' and status <> 'deregistered';
create unique index accounts_enterprise_code on accounts (credit_code) where kind = 'enterprise' and status <> 'deregistered';
create index accounts_phone on accounts (phone_hash);
create index accounts_home_region on accounts (home_region_code);
create index accounts_scope_region on accounts (scope_region_code) where scope_region_code is not null;
create index accounts_scope_department on accounts (scope_department_id) where scope_department_id is not null;

create table account_roles (
  account_id uuid not null references accounts (id),
  role text not null check (role in ('applicant', 'window_clerk', 'approver', 'catalog_admin', 'data_admin', 'supervisor', 'system_admin')),
  primary key (account_id, role)
);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
create table sessions (
  id text primary key,
  account_id uuid not null references accounts (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  ip text,
  user_agent text,
  ended_at timestamptz,
  end_reason text
);
create index sessions_account on sessions (account_id);

-- org module: where a staff member sits (window, title); department and region are the account's scope.
create table staff_positions (
  account_id uuid primary key references accounts (id),
  window_id uuid references service_windows (id),
  title text,
  updated_at timestamptz not null default now()
);
