-- The active's year after publication (issue 10 §1): a member records their
-- methodological work, and a coordinator confirms it or returns it with a
-- reason. A workflow row like applications and members (DESIGN §4): the
-- machine's snapshot, its state for SQL filters, and a row version.

create table activity_records (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  member_id bigint not null references members(id),
  -- the member's municipality when the record was made: the municipal coordinator's scope
  municipality_id bigint references municipalities(id),
  -- the region's catalogue of kinds (app/model/activity.ts); checked in code
  kind text not null,
  held_on date not null,
  level text not null check (level in ('school', 'municipal', 'regional', 'federal')),
  audience integer not null check (audience >= 0 and audience <= 1000000),
  description text not null check (length(description) between 1 and 2000),
  evidence_url text check (evidence_url is null or evidence_url ~ '^https?://'),
  evidence_file_name text,
  evidence_mime_type text check (evidence_mime_type is null or evidence_mime_type in ('application/pdf', 'image/jpeg', 'image/png')),
  evidence_content bytea,
  evidence_sha256 text,
  created_by bigint references users(id),
  snapshot jsonb not null,
  state text not null,
  machine_version text not null,
  row_version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((evidence_content is null) = (evidence_file_name is null))
);
create index activity_records_member on activity_records (member_id, held_on desc, id desc);
create index activity_records_queue on activity_records (region_id, state, id);
create index activity_records_municipality on activity_records (municipality_id, state, id);
