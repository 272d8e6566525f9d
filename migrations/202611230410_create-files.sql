-- files (platform): metadata of content-addressed blobs. The bytes live in the file store (a local
-- directory or an S3 bucket) under their hash; many rows may share one blob (the same bytes uploaded
-- twice are stored once). owner_type/owner_id say which record of which module the file belongs to
-- (e.g. 'case', <case id>); that module's read policy decides who besides the uploader may read it.
create table files (
  id uuid primary key default gen_random_uuid(),
  hash_alg text not null default 'sm3' check (hash_alg in ('sm3')),
  hash text collate "C" not null check (hash ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size >= 0),
  content_type text not null,
  name text not null,
  uploader_account_id uuid references accounts (id),
  owner_type text,
  owner_id text,
  attached_at timestamptz,
  created_at timestamptz not null default now(),
  check ((owner_type is null) = (owner_id is null))
);
create index files_hash on files (hash);
create index files_uploader on files (uploader_account_id, created_at desc);
create index files_owner on files (owner_type, owner_id) where owner_type is not null;
