-- identity module: one-time codes (验证码) for SMS login, change of phone / e-mail and real-name L2.
-- The code itself is never stored: only a keyed hash of it (salted by the row id). The recipient is
-- the keyed lookup hash of the phone number or e-mail address, so that sending can be rate-limited per
-- recipient without keeping the number in clear. A row is checked until it is consumed (single use),
-- expires, or is locked by too many wrong codes; requesting a new code supersedes it.
create table otp_codes (
  id uuid primary key,
  purpose text not null check (purpose in ('login', 'change_phone', 'change_email', 'real_name')),
  channel text not null check (channel in ('sms', 'email')),
  -- The account the code is for; null for a login code asked for a number no account uses (the answer
  -- to the requester is the same either way, and the rate limit counts it too).
  account_id uuid references accounts (id),
  recipient_hash text not null,
  code_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  wrong_attempts integer not null default 0,
  locked_at timestamptz,
  consumed_at timestamptz,
  ip text
);
-- Rate limit per recipient (last minute, last day) and "the latest code of this purpose".
create index otp_codes_recipient on otp_codes (recipient_hash, created_at desc);

-- A message whose text must not be shown to the people who read the outbox (a one-time code): the
-- text for delivery is stored encrypted here, and `body` holds the text with the code masked.
alter table outbox add column body_enc text;
