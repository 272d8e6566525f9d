-- identity module: passkeys (通行密钥, WebAuthn credentials) and their short-lived ceremony challenges.

-- The WebAuthn user handle of an account: random bytes (base64url), never the account id or an ID
-- number, because authenticators store it and hand it to anyone who asks for a discoverable login.
create table passkey_users (
  account_id uuid primary key references accounts (id),
  user_handle text not null unique,
  created_at timestamptz not null default now()
);

create table passkey_credentials (
  id uuid primary key default gen_random_uuid(),
  -- The credential id chosen by the authenticator (base64url).
  credential_id text not null unique,
  account_id uuid not null references accounts (id),
  -- COSE public key (base64url).
  public_key text not null,
  sign_count bigint not null default 0,
  transports text[] not null default '{}',
  -- 'singleDevice' or 'multiDevice' (synced passkey), and whether a synced one is backed up.
  device_type text not null check (device_type in ('singleDevice', 'multiDevice')),
  backed_up boolean not null default false,
  aaguid text,
  name text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  -- Deleting a passkey keeps its row (for the audit trail) and refuses it from then on.
  revoked_at timestamptz,
  revoke_reason text
);
create index passkey_credentials_account on passkey_credentials (account_id) where revoked_at is null;

-- One row per registration or login ceremony: single use (used_at) and expiring (~5 minutes).
create table passkey_challenges (
  challenge text primary key,
  ceremony text not null check (ceremony in ('registration', 'authentication')),
  -- Registration: the logged-in account; authentication: the account named by an optional identifier.
  account_id uuid references accounts (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index passkey_challenges_expires on passkey_challenges (expires_at);
