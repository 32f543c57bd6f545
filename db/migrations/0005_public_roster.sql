-- The public roster's read side (DESIGN §6, §9).

-- Russian order without relying on the server's locale (PGlite has no ICU):
-- lower-case Cyrillic is alphabetical in code-point order once ё is folded
-- into е, which is also how Russian dictionaries sort it.
alter table people add column sort_key text generated always as (
  regexp_replace(replace(lower(last_name || ' ' || first_name || ' ' || middle_name), 'ё', 'е'), '\s+', ' ', 'g')
) stored;
alter table organisations add column search_key text generated always as (
  regexp_replace(replace(lower(name), 'ё', 'е'), '\s+', ' ', 'g')
) stored;
create index people_sort_key on people (sort_key collate "C");

-- One row whose version changes with every statement that can change what a
-- public page or export shows. ETags are built from it, so a withdrawal or an
-- exclusion invalidates every cached page and export at once.
create table roster_state (
  id boolean primary key default true check (id),
  version bigint not null default 1,
  changed_at timestamptz not null default now()
);
insert into roster_state default values;

create function bump_roster_state() returns trigger language plpgsql as $$
begin
  update roster_state set version = version + 1, changed_at = now();
  return null;
end $$;

create trigger roster_members after insert or update or delete on members for each statement execute function bump_roster_state();
create trigger roster_consents after insert or update or delete on consents for each statement execute function bump_roster_state();
create trigger roster_people after update or delete on people for each statement execute function bump_roster_state();
create trigger roster_organisations after update or delete on organisations for each statement execute function bump_roster_state();
create trigger roster_orders after insert or update or delete on orders for each statement execute function bump_roster_state();
create trigger roster_municipalities after insert or update or delete on municipalities for each statement execute function bump_roster_state();
create trigger roster_groups_changed after insert or update or delete on roster_groups for each statement execute function bump_roster_state();
create trigger roster_directions after insert or update or delete on directions for each statement execute function bump_roster_state();
create trigger roster_regions after insert or update or delete on regions for each statement execute function bump_roster_state();

-- The current dissemination consent of a person: given, not withdrawn, not replaced.
create unique index consents_current_dissemination on consents (person_id)
  where purpose = 'dissemination' and withdrawn_at is null and superseded_at is null;
