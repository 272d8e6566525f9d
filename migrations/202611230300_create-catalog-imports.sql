-- catalog xlsx imports: one row per uploaded workbook. The job parses and validates every row first
-- (progress in processed/total), then writes all change drafts in one transaction or none at all;
-- errors and the drafts created are kept here so the console can show them after the fact.
create table catalog_imports (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  -- the importer's scope when the job was created: who else may read the job
  region_code text collate "C" not null,
  file_name text,
  file_sha256 text not null,
  file_bytes integer not null check (file_bytes >= 0),
  status text not null default 'parsing' check (status in ('parsing', 'validating', 'applying', 'done', 'failed')),
  processed integer not null default 0,
  total integer not null default 0,
  -- [{sheet, row, column, field, message}]
  errors jsonb not null default '[]'::jsonb,
  -- [{implementationId, versionId, code, name, changedFields}]
  drafts jsonb not null default '[]'::jsonb,
  unchanged integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index catalog_imports_account on catalog_imports (account_id, created_at desc);
