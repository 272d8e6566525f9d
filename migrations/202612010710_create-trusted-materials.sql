-- Electronic certifications (电子证明) are license types of their own category; trusted materials
-- (可信电子材料) are uploads a window verified once, reusable by the same holder in later cases.

alter table license_types add column category text not null default 'license' check (category in ('license', 'certification'));

create table trusted_materials (
  id uuid primary key default gen_random_uuid(),
  holder_kind text not null check (holder_kind in ('person', 'legal_person')),
  holder_name text not null,
  holder_code_hash text not null,
  -- The material as the guide named it, and its key: later guides match by either.
  name text not null,
  material_key text not null,
  -- Copies of the verified files (same content-addressed blobs), owned by this record.
  file_ids jsonb not null,
  source_case_id uuid not null references cases (id),
  verified_by uuid not null references accounts (id),
  verifier_name text not null,
  verified_at timestamptz not null default now(),
  valid_until date,
  revoked_at timestamptz,
  revoke_reason text,
  unique (source_case_id, material_key)
);
create index trusted_materials_holder on trusted_materials (holder_code_hash, material_key);

-- Every case that reused a trusted material.
create table trusted_material_uses (
  id bigserial primary key,
  trusted_material_id uuid not null references trusted_materials (id),
  case_id uuid not null references cases (id),
  material_key text not null,
  used_at timestamptz not null default now(),
  unique (case_id, material_key)
);
create index trusted_material_uses_material on trusted_material_uses (trusted_material_id);
