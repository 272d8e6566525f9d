-- catalog module: life events (一件事一次办). A life event bundles base items (基本目录) that a
-- citizen or enterprise applies for together; per county it resolves to the published
-- implementations of its members, whose forms and materials are merged so each is asked once.
create table catalog_life_events (
  id uuid primary key default gen_random_uuid(),
  -- readable, stable key used in the portal's address (/services/life-events/:code)
  code text not null unique check (code ~ '^[a-z0-9-]{2,40}$'),
  name text not null,
  audience text not null check (audience in ('person', 'legal_person')),
  description text not null default '',
  icon text not null default 'other',
  -- the region that defines it (and whose catalog admins keep it); offered in that region's subtree
  region_code text collate "C" not null references regions (code),
  status text not null default 'draft' check (status in ('draft', 'published')),
  published_at timestamptz,
  created_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index catalog_life_events_region on catalog_life_events (region_code);

create table catalog_life_event_members (
  life_event_id uuid not null references catalog_life_events (id) on delete cascade,
  position smallint not null check (position >= 1),
  base_item_id uuid not null references catalog_base_items (id),
  -- e.g. 如需 / 经营场所使用特种设备的
  note text,
  primary key (life_event_id, base_item_id),
  unique (life_event_id, position)
);
create index catalog_life_event_members_base on catalog_life_event_members (base_item_id);
