-- The whole domain of DESIGN §1–§6. Forward-only: never edit this file once
-- it has landed; add a new numbered file instead.

create table regions (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z0-9-]+$'),
  name text not null,
  -- the personal-data operator named in the dissemination consent (RKN order №18)
  operator jsonb not null default '{}',
  ministry_name text not null default '',
  site_url text not null default '',
  -- coverage indicator, quorum and other per-region settings; validated in code
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table municipalities (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  code text not null,
  name text not null,
  kind text not null default 'municipalDistrict',
  teachers_count integer not null default 0 check (teachers_count >= 0),
  unique (region_id, code)
);

create table organisations (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  municipality_id bigint references municipalities(id),
  name text not null,
  inn text,
  unique (region_id, name)
);

-- Public fields only (the DESIGN §6 whitelist). Private fields live in
-- person_private so that a query for a public page cannot select them by
-- accident.
create table people (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  municipality_id bigint references municipalities(id),
  last_name text not null,
  first_name text not null,
  middle_name text not null default '',
  organisation_id bigint references organisations(id),
  position text not null default '',
  work_email text,
  subjects text[] not null default '{}',
  created_at timestamptz not null default now()
);
create index people_region_idx on people (region_id);

create table person_private (
  person_id bigint primary key references people(id) on delete cascade,
  phone text,
  birth_date date,
  private_email text,
  snils text,
  updated_at timestamptz not null default now()
);

create table users (
  id bigint generated always as identity primary key,
  login text not null unique,
  password_hash text not null,
  display_name text not null,
  person_id bigint references people(id),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table rosters (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  municipality_id bigint references municipalities(id),
  level text not null check (level in ('regional', 'municipal')),
  name text not null,
  check ((level = 'regional') = (municipality_id is null))
);
create unique index rosters_regional_once on rosters (region_id) where level = 'regional';

create table directions (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  code text not null,
  name text not null,
  position integer not null default 0,
  unique (region_id, code)
);

create table roster_groups (
  id bigint generated always as identity primary key,
  direction_id bigint not null references directions(id),
  code text not null,
  name text not null,
  position integer not null default 0,
  unique (direction_id, code)
);

create table commissions (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  name text not null,
  -- null: more than half of the members (DESIGN §1.3); otherwise the region's rule
  quorum_fraction numeric check (quorum_fraction > 0 and quorum_fraction <= 1),
  created_at timestamptz not null default now()
);

create table role_grants (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id) on delete cascade,
  role text not null check (role in ('applicant', 'municipalCoordinator', 'secretary',
    'commissionMember', 'chair', 'ministryOfficer', 'regionalCoordinator', 'admin')),
  region_id bigint references regions(id),
  municipality_id bigint references municipalities(id),
  commission_id bigint references commissions(id),
  created_at timestamptz not null default now(),
  -- each role is scoped the way the permission table says (app/permissions.ts)
  check (case role
    when 'admin' then region_id is null
    when 'applicant' then true
    when 'municipalCoordinator' then region_id is not null and municipality_id is not null
    when 'secretary' then region_id is not null and commission_id is not null
    when 'commissionMember' then region_id is not null and commission_id is not null
    when 'chair' then region_id is not null and commission_id is not null
    else region_id is not null end)
);
create unique index role_grants_unique on role_grants
  (user_id, role, coalesce(region_id, 0), coalesce(municipality_id, 0), coalesce(commission_id, 0));

create table sessions (
  id text primary key,
  user_id bigint not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table login_attempts (
  id bigint generated always as identity primary key,
  key text not null,
  at timestamptz not null default now()
);
create index login_attempts_key_at on login_attempts (key, at);

create table commission_members (
  id bigint generated always as identity primary key,
  commission_id bigint not null references commissions(id),
  user_id bigint not null references users(id),
  role text not null check (role in ('chair', 'secretary', 'member')),
  organisation_id bigint references organisations(id),
  active boolean not null default true,
  unique (commission_id, user_id)
);

-- Versioned eligibility rule sets (DESIGN §5); a version is never changed
-- once an application was evaluated against it: edits create a new version.
create table rule_sets (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  code text not null,
  version integer not null check (version > 0),
  title text not null,
  document jsonb not null,
  created_at timestamptz not null default now(),
  created_by bigint references users(id),
  unique (region_id, code, version)
);

-- Workflow rows (campaigns, applications, members) carry the machine's
-- persisted snapshot, its version, the state value for SQL filters and a row
-- version for optimistic locking (DESIGN §4).
create table campaigns (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  roster_id bigint not null references rosters(id),
  commission_id bigint references commissions(id),
  rule_set_id bigint not null references rule_sets(id),
  title text not null,
  opens_on date,
  closes_on date,
  review_until date,
  snapshot jsonb not null,
  state text not null,
  machine_version text not null,
  row_version integer not null default 1,
  created_at timestamptz not null default now()
);
create index campaigns_region_state on campaigns (region_id, state);

create table applications (
  id bigint generated always as identity primary key,
  campaign_id bigint not null references campaigns(id),
  region_id bigint not null references regions(id),
  municipality_id bigint references municipalities(id),
  person_id bigint not null references people(id),
  applicant_user_id bigint references users(id),
  nominated_by bigint references users(id),
  source text not null check (source in ('self', 'municipality', 'centre', 'registry')),
  direction_id bigint references directions(id),
  group_id bigint references roster_groups(id),
  -- claimed facts with their verification (app/domain/eligibility.ts: Facts)
  facts jsonb not null default '{}',
  -- last eligibility result and the exact rule-set version it used
  eligibility jsonb,
  eligibility_rule_set_id bigint references rule_sets(id),
  eligibility_evaluated_at timestamptz,
  submitted_at timestamptz,
  snapshot jsonb not null,
  state text not null,
  machine_version text not null,
  row_version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index applications_campaign_state on applications (campaign_id, state);
create index applications_region_state on applications (region_id, state);
create index applications_municipality on applications (municipality_id, state);
create index applications_applicant on applications (applicant_user_id);

-- Evidence files are kept in the database (DESIGN §9: no state on app servers).
create table evidence (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications(id) on delete cascade,
  fact text not null,
  file_name text not null,
  mime_type text not null check (mime_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamptz not null default now(),
  verified_at timestamptz,
  verified_by bigint references users(id)
);
create index evidence_application on evidence (application_id);

create table recusals (
  id bigint generated always as identity primary key,
  commission_member_id bigint not null references commission_members(id),
  application_id bigint not null references applications(id),
  kind text not null check (kind in ('automatic', 'declared')),
  reason text not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  unique (commission_member_id, application_id)
);

create table reviews (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications(id),
  commission_member_id bigint not null references commission_members(id),
  assigned_at timestamptz not null default now(),
  assigned_by bigint references users(id),
  recommendation text check (recommendation in ('recommend', 'reject', 'defer')),
  comment text,
  score numeric,
  submitted_at timestamptz,
  unique (application_id, commission_member_id)
);

create table meetings (
  id bigint generated always as identity primary key,
  commission_id bigint not null references commissions(id),
  held_at timestamptz not null,
  place text not null,
  agenda text not null default '',
  status text not null default 'planned' check (status in ('planned', 'open', 'closed')),
  created_at timestamptz not null default now()
);

create table meeting_attendance (
  meeting_id bigint not null references meetings(id) on delete cascade,
  commission_member_id bigint not null references commission_members(id),
  present boolean not null,
  remote boolean not null default false,
  primary key (meeting_id, commission_member_id)
);

create table meeting_items (
  meeting_id bigint not null references meetings(id) on delete cascade,
  application_id bigint not null references applications(id),
  position integer not null default 0,
  decision text check (decision in ('recommended', 'rejected', 'deferred')),
  primary key (meeting_id, application_id)
);

create table votes (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meetings(id),
  application_id bigint not null references applications(id),
  commission_member_id bigint not null references commission_members(id),
  choice text not null check (choice in ('for', 'against', 'abstain')),
  cast_at timestamptz not null default now(),
  unique (meeting_id, application_id, commission_member_id)
);

create table protocols (
  id bigint generated always as identity primary key,
  meeting_id bigint not null unique references meetings(id),
  commission_id bigint not null references commissions(id),
  year integer not null,
  number integer not null check (number > 0),
  -- the protocol as issued, frozen: later edits to the meeting do not change it
  content jsonb not null,
  issued_at timestamptz not null default now(),
  issued_by bigint references users(id),
  unique (commission_id, year, number)
);

create table orders (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  number text not null,
  date date not null,
  title text not null,
  kind text not null check (kind in ('composition', 'change')),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  unique (region_id, number, date)
);

create table approvals (
  id bigint generated always as identity primary key,
  campaign_id bigint not null references campaigns(id),
  application_id bigint not null references applications(id),
  decision text not null check (decision in ('approved', 'returned')),
  reason text,
  order_id bigint references orders(id),
  decided_by bigint references users(id),
  decided_at timestamptz not null default now(),
  check (decision = 'approved' or reason is not null)
);

create table members (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  roster_id bigint not null references rosters(id),
  person_id bigint not null references people(id),
  application_id bigint unique references applications(id),
  direction_id bigint references directions(id),
  group_id bigint references roster_groups(id),
  subjects text[] not null default '{}',
  admitted_order_id bigint references orders(id),
  term_ends_on date,
  -- driven by the dissemination consent (DESIGN §4, §6), not by the machine
  public boolean not null default false,
  changed_order_id bigint references orders(id),
  change_reason text,
  snapshot jsonb not null,
  state text not null,
  machine_version text not null,
  row_version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index members_roster_state on members (roster_id, state) where public;
create index members_region_state on members (region_id, state);

-- Consent documents are versioned texts; a consent row records which text,
-- which fields, when, and its withdrawal.
create table consent_texts (
  version text primary key,
  purpose text not null check (purpose in ('processing', 'dissemination')),
  body text not null,
  created_at timestamptz not null default now()
);

create table consents (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  purpose text not null check (purpose in ('processing', 'dissemination')),
  text_version text not null references consent_texts(version),
  -- dissemination: the whitelisted fields the subject allowed, nothing implied
  fields text[] not null default '{}',
  conditions text not null default '',
  valid_until date,
  given_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  superseded_at timestamptz
);
create index consents_person on consents (person_id, purpose) where withdrawn_at is null and superseded_at is null;

create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id bigint references users(id),
  region_id bigint references regions(id),
  entity text not null,
  entity_id bigint not null,
  action text not null,
  from_state text,
  to_state text,
  reason text,
  data jsonb not null default '{}'
);
create index audit_entity on audit_events (entity, entity_id, id);

-- Notifications written in the same transaction as the change that caused
-- them, drained by workers with FOR UPDATE SKIP LOCKED (DESIGN §9).
create table outbox (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  region_id bigint references regions(id),
  template text not null,
  recipient_user_id bigint references users(id),
  recipient_email text,
  recipient_role text,
  entity text,
  entity_id bigint,
  payload jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  sent_at timestamptz,
  read_at timestamptz
);
create index outbox_pending on outbox (next_attempt_at) where status in ('pending', 'sending');
create index outbox_recipient on outbox (recipient_user_id, created_at);

create table imports (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  kind text not null check (kind in ('nominations', 'registry', 'qualification')),
  file_name text not null,
  file_sha256 text not null,
  rows_total integer not null,
  rows_changed integer not null,
  imported_by bigint references users(id),
  imported_at timestamptz not null default now()
);
