-- Region settings screens (issue 11 §2): what a municipality's teacher count
-- rests on, and the length of a member's term, per region.

-- The coverage indicator divides a municipality's teachers by its members; the
-- figure is only as good as its source, so the page says where it comes from,
-- for which year, and whether it is an estimate rather than a reported count.
alter table municipalities
  add column teachers_year integer check (teachers_year between 1990 and 2100),
  add column teachers_source text not null default '',
  add column teachers_estimated boolean not null default false;

-- Until now every count came from a region preset, whose figures are estimates
-- (db/presets, `teachersAreEstimates`).
update municipalities set teachers_estimated = true, teachers_source = 'Пресет региона' where teachers_count > 0;

-- Publication ends a member's term this many years after the order (was a
-- constant 3 in the code).
alter table regions add column term_years integer not null default 3 check (term_years between 1 and 10);

-- The quorum meetings use is each commission's quorum_fraction (null: more
-- than half); the copy the presets left in the region's settings was never
-- read, and two places for one rule drift apart.
update regions set settings = settings - 'quorum';
