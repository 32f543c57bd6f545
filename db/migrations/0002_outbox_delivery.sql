-- E-mail delivery from the outbox (docs/decisions/0003-outbox-delivery.md).
-- A worker claims a row with a random token and a lease; `send_started_at`
-- tells a row that was only claimed (safe to hand back) from one whose SMTP
-- DATA may have reached the server (never resent automatically).
alter table outbox
  add column claim_token uuid,
  add column claimed_at timestamptz,
  add column send_started_at timestamptz,
  add column message_id text,
  -- how a sent row left: over SMTP, as a local .eml file, or in-app only (no address)
  add column delivery text check (delivery in ('smtp', 'file', 'inApp')),
  -- why a failed row failed: the server refused it for good, it ran out of
  -- attempts, or the worker lost track of it mid-send (delivery unknown)
  add column failure text check (failure in ('rejected', 'attempts', 'unknown', 'template'));

alter table outbox add constraint outbox_failed_has_reason check (status <> 'failed' or failure is not null);
alter table outbox add constraint outbox_sending_is_claimed check (status <> 'sending' or (claim_token is not null and claimed_at is not null));

-- The demo UI and the regional coordinator read the recent rows of a region,
-- failed ones first.
create index outbox_region_recent on outbox (region_id, id desc);
create index outbox_failed on outbox (region_id, id desc) where status = 'failed';
