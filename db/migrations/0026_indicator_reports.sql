-- The yearly indicator report (issue 10 §2.5; Khabarovsk protocol №4 of
-- 13.12.2023, question 3): the region's indicators, regional and municipal,
-- each with a minimum per year; a report per year holds each indicator's
-- actual value and its confirmation. Some values the registry computes, the
-- others the coordinators enter with evidence. The report is a workflow row
-- (DESIGN §4) that a commission meeting approves as an agenda motion.

-- Region data: installed from the region's preset, edited by its coordinator.
create table indicators (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  code text not null check (code ~ '^[a-z0-9-]+$'),
  position integer not null default 0,
  title text not null check (length(title) between 1 and 1000),
  level text not null check (level in ('regional', 'municipal')),
  unit text not null default '' check (length(unit) <= 100),
  -- the actual value must be at least / at most the minimum; for a municipal
  -- indicator the minimum is the share (%) of municipalities that meet it
  comparison text not null check (comparison in ('atLeast', 'atMost')),
  minimum numeric not null,
  -- the minimum as the source words it («не менее 65 %», «сформирован»)
  minimum_text text not null default '' check (length(minimum_text) <= 300),
  -- municipal indicators: what one municipality must reach (null: a yes/no answer, met by «да»)
  municipal_target numeric,
  -- null: entered by hand with evidence; otherwise the registry's computation (app/model/indicators.ts)
  computation text,
  source text not null default '' check (length(source) <= 1000),
  -- a typical indicator no regional document sets (the region replaces it)
  template boolean not null default false,
  archived boolean not null default false,
  updated_at timestamptz not null default now(),
  unique (region_id, code)
);
create index indicators_region on indicators (region_id, position, id);

create table indicator_reports (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  year integer not null check (year between 2000 and 2100),
  -- the form as it was sent to the commission: what the meeting approved never changes afterwards
  content jsonb,
  computed_at timestamptz,
  -- the meeting that decided it (its protocol is cited on the report page)
  decided_meeting_id bigint references meetings(id),
  created_by bigint references users(id),
  snapshot jsonb not null,
  state text not null,
  machine_version text not null,
  row_version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (region_id, year)
);
create index indicator_reports_state on indicator_reports (region_id, state);

create table indicator_values (
  id bigint generated always as identity primary key,
  report_id bigint not null references indicator_reports(id) on delete cascade,
  indicator_id bigint not null references indicators(id),
  -- null for a regional indicator; the municipality for a municipal one
  municipality_id bigint references municipalities(id),
  actual numeric,
  confirmation text not null default '' check (length(confirmation) <= 4000),
  evidence_url text check (evidence_url is null or evidence_url ~ '^https?://'),
  evidence_file_name text,
  evidence_mime_type text check (evidence_mime_type is null or evidence_mime_type in ('application/pdf', 'image/jpeg', 'image/png')),
  evidence_content bytea,
  evidence_sha256 text,
  -- computed by the registry (no person entered it)
  computed boolean not null default false,
  entered_by bigint references users(id),
  entered_at timestamptz not null default now(),
  check ((evidence_content is null) = (evidence_file_name is null))
);
create unique index indicator_values_once on indicator_values (report_id, indicator_id, coalesce(municipality_id, 0));
