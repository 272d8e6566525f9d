-- calendar module: the working-day calendar behind every legal time limit.
-- A year is "scheduled" when it has a row in workday_calendar_years; its special days are the
-- statutory holidays (放假, any day of the week) and the adjusted working days (调休上班, a Saturday
-- or Sunday). Every other day is a working day from Monday to Friday. A date in a year without a row
-- is counted as plain Monday–Friday and every deadline touching it is marked provisional.
-- Years 2004 onward are loaded from the chinese-days package after migrating (`tongban migrate`);
-- later years from the State Council's notice, by a system administrator (PUT /api/v1/calendar/:year).
create table workday_calendar_years (
  year smallint primary key check (year between 2000 and 2100),
  source text not null check (source in ('chinese-days', 'official notice')),
  -- the notice (e.g. 国办发明电〔2025〕…号), or the chinese-days version the year came from
  notice_ref text not null check (length(notice_ref) between 1 and 200),
  -- display name of who loaded it, kept even if the account is later removed
  loaded_by text not null,
  loaded_by_account_id uuid references accounts (id),
  loaded_at timestamptz not null default now()
);

create table workday_calendar_days (
  day date primary key,
  year smallint not null references workday_calendar_years (year) on delete cascade,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null check (length(name) between 1 and 40),
  check (extract(year from day)::int = year),
  -- an adjusted working day only makes sense on a weekend (isodow 6 = Saturday, 7 = Sunday)
  check (kind <> 'workday' or extract(isodow from day)::int in (6, 7))
);
create index workday_calendar_days_year on workday_calendar_days (year);
