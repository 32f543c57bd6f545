-- Members in name order from an index (issue 14). Staff lists (/members) and
-- the open data page through members by (people.sort_key, members.id); with
-- the key only on people, every page joined and sorted all of a region's
-- members (350 ms for 20,000 on the embedded database). members.sort_key is
-- a copy of its person's people.sort_key, kept equal by the triggers below,
-- so a keyset page is an index range scan that stops after its rows.

-- Null only inside the statement that inserts a member together with its
-- person (the seed's one-statement chunks): the statement's end fills it.
alter table members add column sort_key text;
update members m set sort_key = p.sort_key from people p where p.id = m.person_id;

-- people.sort_key's expression (0005) as a function, for a writer that
-- inserts a member with its person in one statement and gives the key itself
-- (the seed: no trigger runs per row then).
create function person_sort_key(last_name text, first_name text, middle_name text) returns text
  language sql immutable parallel safe as $$
  select regexp_replace(replace(lower(last_name || ' ' || first_name || ' ' || middle_name), 'ё', 'е'), '\s+', ' ', 'g')
$$;

-- A member takes its person's key when it is written without one (and if it ever moves to another person).
create function members_take_sort_key() returns trigger language plpgsql as $$
begin
  new.sort_key := (select sort_key from people where id = new.person_id);
  return new;
end $$;
create trigger members_sort_key before insert on members
  for each row when (new.sort_key is null) execute function members_take_sort_key();
create trigger members_sort_key_moved before update of person_id on members
  for each row execute function members_take_sort_key();

-- A person inserted by the same statement as the member is not visible to the
-- row trigger yet; at the end of the statement it is.
create function members_fill_sort_key() returns trigger language plpgsql as $$
begin
  update members m set sort_key = p.sort_key
  from inserted i join people p on p.id = i.person_id
  where m.id = i.id and i.sort_key is null;
  return null;
end $$;
create trigger members_sort_key_filled after insert on members
  referencing new table as inserted for each statement execute function members_fill_sort_key();

-- A renamed person renames their members' key.
create function people_pass_sort_key() returns trigger language plpgsql as $$
begin
  update members set sort_key = new.sort_key where person_id = new.id;
  return null;
end $$;
create trigger people_sort_key_to_members after update of last_name, first_name, middle_name on people
  for each row when (old.sort_key is distinct from new.sort_key) execute function people_pass_sort_key();

create index members_person on members (person_id);
-- /members of a region; the open data of one region.
create index members_region_sort on members (region_id, sort_key collate "C", id);
-- The open data of all regions: published, active members only.
create index members_public_sort on members (sort_key collate "C", id) where public and state = 'active';
