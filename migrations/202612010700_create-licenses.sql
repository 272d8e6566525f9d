-- licenses module (电子证照): license types, issuer keys and the trust list, licenses with their
-- lifecycle, holders' grants of use in cases, every use and verification, and the transparency log.

-- 证照目录: one row per license type. The code is the defining body's credit code + 3 digits.
create table license_types (
  code text collate "C" primary key check (code ~ '^[0-9A-Z]{21}$'),
  name text not null,
  defining_body text not null,
  holder_kind text not null check (holder_kind in ('person', 'legal_person', 'both')),
  -- Department short names whose county/city departments issue it (e.g. ["市场监管局"]).
  issuing_departments jsonb not null default '[]'::jsonb,
  -- Data items (照面信息): [{ key, label, required, source? }], in display order.
  fields jsonb not null default '[]'::jsonb,
  -- Validity: { "kind": "years", "years": 5 } or { "kind": "long_term" }.
  validity jsonb not null,
  -- Human license number (证照编号) prefix, e.g. JY for 食品经营许可证.
  number_prefix text not null default '',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Signing keys of issuing bodies. Local keys carry their private key wrapped under LICENSE_KEY;
-- trust-list keys (other regions' issuers) carry only the public key. A retired key still verifies.
create table license_issuer_keys (
  id uuid primary key default gen_random_uuid(),
  issuer_code text collate "C" not null,
  issuer_name text not null,
  origin text not null check (origin in ('local', 'trusted')),
  -- Where a trusted key comes from (e.g. 福建省电子证照库), for the verifier to show.
  trust_source text,
  public_key text not null check (public_key ~ '^04[0-9a-f]{128}$'),
  private_key_enc text,
  status text not null default 'active' check (status in ('active', 'retired', 'revoked')),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  check ((origin = 'local') = (private_key_enc is not null))
);
create unique index license_issuer_keys_active on license_issuer_keys (issuer_code) where status = 'active' and origin = 'local';
create unique index license_issuer_keys_public on license_issuer_keys (public_key);

-- 顺序号 per type and issuer.
create table license_serials (
  type_code text collate "C" not null,
  issuer_code text collate "C" not null,
  year integer not null,
  last_value bigint not null default 0,
  primary key (type_code, issuer_code, year)
);

create table licenses (
  id uuid primary key default gen_random_uuid(),
  identifier text collate "C" not null unique,
  license_number text not null,
  type_code text collate "C" not null references license_types (code),
  version integer not null check (version between 1 and 999),
  -- pending: recorded at 办结 and waiting to be signed (signing runs outside the case's transaction).
  state text not null default 'pending' check (state in ('pending', 'valid', 'suspended', 'revoked', 'superseded')),
  holder_kind text not null check (holder_kind in ('person', 'legal_person')),
  holder_name text not null,
  -- ID number or credit code, encrypted; the lookup hash links a wallet to its account.
  holder_code_enc text not null,
  holder_code_hash text not null,
  holder_code_masked text not null,
  issuer_code text collate "C" not null,
  issuer_name text not null,
  issuer_department_id uuid references departments (id),
  region_code text collate "C" not null,
  data jsonb not null,
  valid_from date not null,
  valid_until date,
  issued_at timestamptz not null,
  signature text,
  key_id uuid references license_issuer_keys (id),
  signed_at timestamptz,
  source text not null check (source in ('case', 'import')),
  case_id uuid references cases (id),
  previous_id uuid references licenses (id),
  ofd_file_id uuid,
  pdf_file_id uuid,
  state_reason text,
  state_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  check (state = 'pending' or signature is not null)
);
create unique index licenses_number on licenses (type_code, license_number, version);
create index licenses_holder on licenses (holder_code_hash, type_code);
create index licenses_case on licenses (case_id) where case_id is not null;
create index licenses_region on licenses (region_code, type_code);
create index licenses_pending on licenses (created_at) where state = 'pending';

-- Lifecycle events of a license, in order (the transparency log commits to issue and revocation).
create table license_events (
  id bigserial primary key,
  license_id uuid not null references licenses (id),
  event text not null,
  from_state text,
  to_state text,
  reason text,
  actor_account_id uuid references accounts (id),
  actor_name text not null,
  at timestamptz not null default now()
);
create index license_events_license on license_events (license_id, id);

-- 用证授权: the holder lets the body handling a case use a license for one material.
create table license_use_grants (
  id uuid primary key default gen_random_uuid(),
  license_id uuid not null references licenses (id),
  case_id uuid not null references cases (id),
  material_key text not null,
  holder_account_id uuid references accounts (id),
  reason text not null,
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  unique (case_id, material_key)
);
create index license_use_grants_license on license_use_grants (license_id);

-- Every use of a license a holder can see in the wallet: verifications (anyone), staff queries
-- (within a case, with a reason), downloads, grants.
create table license_access_log (
  id bigserial primary key,
  license_id uuid references licenses (id),
  -- The identifier asked for, kept also when nothing matched.
  identifier text,
  kind text not null check (kind in ('verify', 'staff_read', 'download', 'grant', 'case_use')),
  channel text,
  result text,
  case_id uuid references cases (id),
  actor_account_id uuid references accounts (id),
  actor_name text,
  purpose text,
  ip text,
  at timestamptz not null default now()
);
create index license_access_log_license on license_access_log (license_id, id desc);

-- Transparency log: an append-only Merkle tree (RFC 6962 shape, SM3) over issue / revoke events.
create table license_log_entries (
  seq bigint primary key check (seq >= 0),
  license_id uuid not null references licenses (id),
  event text not null,
  -- The canonical JSON the leaf hashes (identifier, event, state, signature digest, time).
  entry text not null,
  leaf_hash text not null,
  created_at timestamptz not null default now()
);
create index license_log_entries_license on license_log_entries (license_id, seq);

-- Signed tree heads: one per append; the frontier lets the next append extend the tree without
-- reading the leaves.
create table license_log_heads (
  tree_size bigint primary key check (tree_size >= 1),
  root_hash text not null,
  frontier jsonb not null,
  signature text not null,
  key_id uuid not null references license_issuer_keys (id),
  created_at timestamptz not null default now()
);

-- Every complete, aligned subtree of the log [start, end) with its root, written as the append that
-- completes it: an inclusion or consistency proof is O(log n) lookups, never a scan of the leaves.
create table license_log_subtrees (
  start_index bigint not null,
  end_index bigint not null,
  hash text not null,
  primary key (start_index, end_index)
);
