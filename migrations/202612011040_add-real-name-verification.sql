-- identity module: the history of an account's real-name level (实名等级): who raised it, how, where
-- and when. accounts.real_name_level stays the current level; a row here is written for every
-- verification (L1 at registration is implied and not stored), so the level can be explained later.
create table real_name_verifications (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  -- the level the verification proves, and the account's level just before it
  level smallint not null check (level between 1 and 3),
  previous_level smallint not null check (previous_level between 1 and 3),
  -- self: self-declared; sms: code sent to a phone bound to the ID number; population: checked
  -- against the population base library; window: the ID card checked in person at a window
  method text not null check (method in ('self', 'sms', 'population', 'window')),
  verified_by uuid references accounts (id),
  window_id uuid references service_windows (id),
  -- the document that was checked (window): resident_id_card, temporary_id_card, residence_permit
  document_type text,
  note text,
  verified_at timestamptz not null default now()
);
create index real_name_verifications_account on real_name_verifications (account_id, verified_at desc);
