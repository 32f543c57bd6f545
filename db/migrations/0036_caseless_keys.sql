-- Names matched whatever their case on any server. lower() follows the
-- database's LC_CTYPE, and under C (initdb's default in many containers)
-- it folds only ASCII: «Томская» never met «ТОМСКАЯ», and the name keys
-- below kept their capitals, so a search typed in lower case found nobody.
-- ru_lower folds the Cyrillic capitals itself (Russian, with the Ukrainian
-- and Belarusian letters a name may carry), then lower() does ASCII and,
-- under a Unicode LC_CTYPE, the rest. No ICU: PGlite and PostgreSQL alike.
create function ru_lower(t text) returns text
  language sql immutable strict parallel safe as $$
  select lower(translate(t, 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄЎҐ', 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєўґ'))
$$;

-- The keys of 0005 and 0021 again, through ru_lower. A generated column's
-- expression cannot be altered on PostgreSQL 15: the column is made anew
-- (its index and the trigger that reads it with it, as 0005 and 0021 made
-- them), and the members' copies follow.
create or replace function person_sort_key(last_name text, first_name text, middle_name text) returns text
  language sql immutable parallel safe as $$
  select regexp_replace(replace(ru_lower(last_name || ' ' || first_name || ' ' || middle_name), 'ё', 'е'), '\s+', ' ', 'g')
$$;

drop trigger people_sort_key_to_members on people;
alter table people drop column sort_key;
alter table people add column sort_key text generated always as (
  regexp_replace(replace(ru_lower(last_name || ' ' || first_name || ' ' || middle_name), 'ё', 'е'), '\s+', ' ', 'g')
) stored;
create index people_sort_key on people (sort_key collate "C");
create trigger people_sort_key_to_members after update of last_name, first_name, middle_name on people
  for each row when (old.sort_key is distinct from new.sort_key) execute function people_pass_sort_key();
update members m set sort_key = p.sort_key from people p where p.id = m.person_id and m.sort_key is distinct from p.sort_key;

alter table organisations drop column search_key;
alter table organisations add column search_key text generated always as (
  regexp_replace(replace(ru_lower(name), 'ё', 'е'), '\s+', ' ', 'g')
) stored;
