-- Per-stage deadlines of a campaign and their reminders (issue 11, §4.1–4.2).
-- A campaign already had the last day of applications (closes_on) and of the
-- reviews (review_until); these are the other stages of a selection, as in
-- Chelyabinsk's plan (protocol № 20: 16.06, 30.06, 15.09). All are calendar
-- days of the region (PRODUCT §12): a stage is due until the region's midnight
-- that ends its day. The order of the stages is checked by the form and the
-- domain; old rows may have anything, so there is no check constraint here.
alter table campaigns add column screening_until date;
alter table campaigns add column meeting_on date;
alter table campaigns add column decision_until date;

-- Reminders already sent. The unique key is what makes the reminder job
-- idempotent: a restart, a second run the same day or a second app server
-- inserts the same key and sends nothing more. `day` is the stage's deadline
-- for the reminders before it and on it (so a changed deadline is reminded
-- again), and the region's date of sending for an overdue review (at most one
-- a day).
create table stage_reminders (
  id bigint generated always as identity primary key,
  campaign_id bigint not null references campaigns(id),
  stage text not null check (stage in ('applications', 'screening', 'review', 'meeting', 'decision')),
  kind text not null check (kind in ('before', 'due', 'overdue')),
  user_id bigint not null references users(id),
  day date not null,
  created_at timestamptz not null default now(),
  unique (campaign_id, stage, kind, user_id, day)
);

-- The reminder job and the dashboard look for campaigns still under way.
create index campaigns_under_way on campaigns (region_id) where state in ('open', 'closed', 'inReview', 'atMinistry');
