-- The evaluation of members' activity (issue 10 §2). The region's catalogue
-- (kinds of work, points per kind and level, thresholds per school year) is
-- data, versioned like rule sets: every save is a new version, old versions
-- stay, and a school year is scored with the version in force at its end.
-- The document is checked by app/model/evaluation.ts before it is written.

create table evaluation_catalogues (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  version integer not null check (version > 0),
  document jsonb not null,
  created_at timestamptz not null default now(),
  created_by bigint references users(id),
  unique (region_id, version)
);

-- The evaluation period is a school year that starts on this day every year
-- (1 September unless the region sets another), in the region's time zone.
alter table regions
  add column evaluation_year_month smallint not null default 9 check (evaluation_year_month between 1 and 12),
  add column evaluation_year_day smallint not null default 1 check (evaluation_year_day between 1 and 28);

-- Scoring reads a region's confirmed records of a period in one pass.
create index activity_records_scoring on activity_records (region_id, state, held_on);
