-- Facts a region adds to the built-in catalogue (issue 11 §3): rules of its
-- rule sets may test them, applicants claim them on the application form.
-- The key is generated (people never type internal codes); an enum's values
-- are their own Russian wording; `evidence` names the documents that confirm
-- the fact. The built-in catalogue (app/model/eligibility.ts) stays every
-- region's base and is not stored here.
create table region_facts (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  key text not null check (key ~ '^x[a-z0-9]{6,20}$'),
  label text not null check (length(label) between 1 and 300),
  kind text not null check (kind in ('boolean', 'number', 'enum')),
  enum_values text[] not null default '{}',
  evidence text[] not null default '{}',
  position integer not null default 0,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  unique (region_id, key),
  unique (region_id, label),
  check ((kind = 'enum') = (cardinality(enum_values) > 0))
);
