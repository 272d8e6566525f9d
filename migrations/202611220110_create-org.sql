-- org module: regions (GB/T 2260 + NBS 12-digit codes), departments, service windows.
create table regions (
  code text collate "C" primary key check (code ~ '^[0-9]{12}$'),
  name text not null,
  level smallint not null check (level between 1 and 5),
  parent_code text collate "C" references regions (code),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index regions_parent on regions (parent_code);
create index regions_name on regions (name);

create table departments (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  short_name text,
  credit_code text,
  level text not null check (level in ('city', 'county', 'town')),
  region_code text collate "C" not null references regions (code),
  parent_id uuid references departments (id),
  phone text,
  address text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (region_code, name)
);
create index departments_region on departments (region_code);
create unique index departments_credit_code on departments (credit_code) where credit_code is not null;

create table service_windows (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  number text not null,
  kind text not null check (kind in ('integrated', 'specialised', 'self_service')),
  hall text not null,
  region_code text collate "C" not null references regions (code),
  department_id uuid references departments (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (region_code, hall, number)
);
create index service_windows_region on service_windows (region_code);
create index service_windows_department on service_windows (department_id);
