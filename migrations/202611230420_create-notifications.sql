-- notify module: in-app notifications (消息中心) and the outbound message outbox (SMS, e-mail).
create table notifications (
  id uuid primary key default gen_random_uuid(),
  recipient_account_id uuid not null references accounts (id),
  kind text not null,
  title text not null,
  body text not null default '',
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_recipient on notifications (recipient_account_id, created_at desc);
create index notifications_unread on notifications (recipient_account_id) where read_at is null;

-- One row per outbound message. The default channel adapter "sends" by marking the row sent here,
-- so a system admin can read what would have gone out; real SMS/e-mail adapters record their result
-- the same way. The address is personal data: stored encrypted (like accounts.phone_enc) for the
-- adapter, and masked for listings.
create table outbox (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('sms', 'email')),
  recipient_enc text not null,
  recipient_masked text not null,
  subject text not null default '',
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  adapter text,
  notification_id uuid references notifications (id),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  updated_at timestamptz not null default now()
);
create index outbox_created on outbox (created_at desc);
create index outbox_status on outbox (status, channel, created_at desc);
