-- catalog module: base items (基本目录), implementations per body and region (实施清单), and their
-- immutable versions. A version's content is the whole guide (办事指南) as JSON validated by the
-- GuideContent schema; every publish is a new version, history is kept forever.
create table catalog_base_items (
  id uuid primary key default gen_random_uuid(),
  basic_code text not null unique check (basic_code ~ '^[0-9]{12}$'),
  name text not null,
  item_type text not null check (item_type in ('01','02','03','04','05','06','07','08','09','10','20')),
  created_at timestamptz not null default now()
);

create table catalog_implementations (
  id uuid primary key default gen_random_uuid(),
  base_item_id uuid not null references catalog_base_items (id),
  -- implementing body's credit code (18) + level (1) + basic code (12)
  implementation_code text not null unique check (implementation_code ~ '^[0-9A-Z]{18}[1-6][0-9]{12}$'),
  department_id uuid not null references departments (id),
  region_code text collate "C" not null references regions (code),
  level smallint not null check (level between 1 and 6),
  -- never published yet / in force / cancelled (取消)
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  current_version_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (base_item_id, department_id)
);
create index catalog_implementations_region on catalog_implementations (region_code);
create index catalog_implementations_base on catalog_implementations (base_item_id);

create table catalog_versions (
  id uuid primary key default gen_random_uuid(),
  implementation_id uuid not null references catalog_implementations (id),
  version integer not null check (version >= 1),
  status text not null check (status in ('draft', 'in_review', 'published', 'superseded', 'cancelled')),
  operation text not null check (operation in ('add', 'change', 'cancel', 'delegate', 'merge')),
  content jsonb not null,
  change_note text,
  author_id uuid not null references accounts (id),
  submitted_at timestamptz,
  reviewer_id uuid references accounts (id),
  reviewed_at timestamptz,
  review_comment text,
  published_at timestamptz,
  -- Chinese full-text: text segmented with Intl.Segmenter, indexed with the 'simple' configuration
  search tsvector,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (implementation_id, version)
);
-- At most one open draft (draft or in review) per implementation.
create unique index catalog_versions_one_open on catalog_versions (implementation_id) where status in ('draft', 'in_review');
create index catalog_versions_status on catalog_versions (status);
create index catalog_versions_search on catalog_versions using gin (search) where status = 'published';

alter table catalog_implementations add constraint catalog_implementations_current
  foreign key (current_version_id) references catalog_versions (id);
