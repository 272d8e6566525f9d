-- 投诉 (complaints): what the portal flow needs beyond the table of 202612020100.

-- A complaint about a 综合窗口 that belongs to no department is routed to the supervisors (效能办) of
-- the window's region: no department then, only the region.
alter table complaints alter column department_id drop not null;

-- When the complaint was taken up (受理), and the one reopening a complainant may ask for after a
-- bad rating (1–2): the earlier round (answer, rating) is kept in `history`.
alter table complaints add column taken_at timestamptz;
alter table complaints add column reopen_count smallint not null default 0 check (reopen_count between 0 and 1);
alter table complaints add column reopen_reason text;
alter table complaints add column history jsonb not null default '[]';

-- What the complaint was about, as it read when filed (lists show it without asking the cases and org
-- modules row by row): the case number and item name, or the window's hall, number and name.
alter table complaints add column case_number text;
alter table complaints add column item_name text;
alter table complaints add column window_name text;

-- Department staff list their department's complaints; the case page looks up a case's complaints.
create index complaints_department on complaints (department_id, status);
create index complaints_case on complaints (case_id) where case_id is not null;

-- Complaint numbers TS-<region6>-<yyyymmdd>-<seq>: one counter per region and day; the upsert's row
-- lock serializes concurrent submissions.
create table complaint_number_counters (
  region6 text collate "C" not null,
  day text collate "C" not null,
  last_seq integer not null,
  primary key (region6, day)
);
