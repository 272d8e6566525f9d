-- identity module: enterprise login by the legal representative (法定代表人) or an authorised agent
-- (经办人) acting for the enterprise.
--
-- The legal representative's ID number is already on the enterprise account: id_number_enc holds it
-- encrypted and id_number_hash its keyed lookup hash (required at enterprise registration). A person
-- is the legal representative of every live enterprise whose id_number_hash equals their own; this
-- index finds those enterprises for a logged-in citizen.
create index accounts_enterprise_legal_rep on accounts (id_number_hash) where kind = 'enterprise';

-- 企业经办人授权: an enterprise authorises a citizen (who has an account) to act for it, for all
-- matters or for a list of catalog items (基本编码, 12 digits), within a validity window.
create table agent_authorizations (
  id uuid primary key default gen_random_uuid(),
  enterprise_account_id uuid not null references accounts (id),
  agent_account_id uuid not null references accounts (id),
  -- all: every matter of the enterprise; items: only the catalog items listed in item_codes
  scope text not null check (scope in ('all', 'items')),
  item_codes text[] not null default '{}',
  valid_from timestamptz not null,
  valid_until timestamptz not null,
  -- active until revoked; expired is written when an active grant is found past valid_until
  status text not null default 'active' check (status in ('active', 'revoked', 'expired')),
  -- the enterprise account that granted it, and the person when its legal representative acted for it
  granted_by uuid not null references accounts (id),
  granted_via uuid references accounts (id),
  revoked_by uuid references accounts (id),
  revoked_via uuid references accounts (id),
  revoked_at timestamptz,
  revoke_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_until > valid_from),
  check (scope = 'all' or cardinality(item_codes) > 0),
  check (status <> 'revoked' or (revoked_at is not null and revoke_reason is not null)),
  check (enterprise_account_id <> agent_account_id)
);
-- At most one live grant per enterprise and person: a new one replaces an expired one, never doubles it.
create unique index agent_authorizations_live on agent_authorizations (enterprise_account_id, agent_account_id) where status = 'active';
create index agent_authorizations_agent on agent_authorizations (agent_account_id, created_at desc);
create index agent_authorizations_enterprise on agent_authorizations (enterprise_account_id, created_at desc);

-- A session of a citizen may act for an enterprise: which one, in which relation, under which grant.
-- acting_notice keeps the reason why acting ended on its own (grant revoked or expired) for /auth/me.
alter table sessions
  add column acting_for_account_id uuid references accounts (id),
  add column acting_relation text check (acting_relation in ('legal_rep', 'agent')),
  add column acting_authorization_id uuid references agent_authorizations (id),
  add column acting_since timestamptz,
  add column acting_notice text;
alter table sessions add constraint sessions_acting_complete check (
  (acting_for_account_id is null and acting_relation is null and acting_authorization_id is null)
  or (acting_for_account_id is not null and acting_relation = 'legal_rep' and acting_authorization_id is null)
  or (acting_for_account_id is not null and acting_relation = 'agent' and acting_authorization_id is not null)
);
