-- sso (unified identity for department systems): the OpenID Connect provider's registered clients,
-- its signing keys and the artefacts it stores (sessions, grants, codes, tokens, interactions).
create table sso_clients (
  client_id text primary key,
  name text not null,
  department_id uuid references departments (id),
  description text,
  -- 'web' (authorization code + PKCE, a browser logs in) or 'service' (client credentials only)
  application_type text not null check (application_type in ('web', 'service')),
  redirect_uris jsonb not null default '[]',
  post_logout_redirect_uris jsonb not null default '[]',
  backchannel_logout_uri text,
  grant_types jsonb not null,
  -- scopes the client may request (OIDC scopes and platform API scopes)
  scopes jsonb not null,
  -- claims the client may receive; the ID number only when listed here
  claims jsonb not null default '[]',
  -- client secret, encrypted with the personal-data key (the provider compares it in clear)
  secret_enc text not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  secret_rotated_at timestamptz not null default now()
);
create index sso_clients_department on sso_clients (department_id);

-- ID-token signing keys (private JWK encrypted); the newest active key signs, all unretired are in JWKS.
create table sso_signing_keys (
  kid text primary key,
  alg text not null,
  private_jwk_enc text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);

-- The provider's artefacts. The id column holds SHA-256 of the artefact id, so a read of this table
-- does not yield usable tokens.
create table sso_artifacts (
  model text not null,
  id text not null,
  payload jsonb not null,
  grant_id text,
  uid text,
  user_code text,
  account_id text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (model, id)
);
create index sso_artifacts_grant on sso_artifacts (grant_id) where grant_id is not null;
create index sso_artifacts_uid on sso_artifacts (uid) where uid is not null;
create index sso_artifacts_account on sso_artifacts (model, account_id) where account_id is not null;
create index sso_artifacts_expires on sso_artifacts (expires_at);
