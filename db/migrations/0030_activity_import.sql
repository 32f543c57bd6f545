-- Bulk import of activity records (issue 10 §1.3): a coordinator uploads the
-- events the region held with their participants, one row per participant
-- (app/imports/activity-sink.server.ts, docs/decisions/0004).

-- A new kind of import, into a region rather than a campaign.
alter table imports drop constraint imports_kind_check;
alter table imports add constraint imports_kind_check check (kind in ('nominations', 'registry', 'qualification', 'activity'));
alter table import_uploads drop constraint import_uploads_kind_check;
alter table import_uploads add constraint import_uploads_kind_check check (kind in ('nominations', 'registry', 'qualification', 'activity'));
alter table import_uploads alter column campaign_id drop not null;
alter table import_uploads add constraint import_uploads_campaign_kind check ((campaign_id is null) = (kind = 'activity'));

-- An imported record names its event and its import. The natural key of an
-- imported record is member + kind + day + the event's title folded like
-- names (title_key): importing the same file again finds every row already
-- there, and the unique index keeps it so even if two imports race.
alter table activity_records
  add column title text check (title is null or length(title) between 1 and 500),
  add column title_key text,
  add column import_id bigint references imports(id),
  add constraint activity_records_title_key check ((title is null) = (title_key is null));
create unique index activity_records_imported_key on activity_records (member_id, kind, held_on, title_key) where title_key is not null;
