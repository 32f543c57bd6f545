-- An application's region is its campaign's, and one foreign key now says
-- so: (campaign_id, region_id) references the campaign with that region.
-- It replaces the two single-column keys it implies (the campaign exists;
-- the region exists, as the campaign's own key requires) and adds their
-- agreement, which nothing enforced. Each foreign key costs a query per
-- inserted row (PostgreSQL's trigger, at the end of the statement): a
-- 100,000-row nominations import ran both for every row, about a tenth of
-- the database's time for the applications it writes (issue 14).
-- An application whose region is not its campaign's would fail the new key
-- with a bare foreign-key error: say which, so they can be put right first.
do $$
declare
  wrong text;
begin
  select string_agg(a.id::text, ', ' order by a.id) into wrong
  from applications a join campaigns c on c.id = a.campaign_id
  where a.region_id <> c.region_id;
  if wrong is not null then
    raise exception 'applications % have a region other than their campaign''s', wrong;
  end if;
end $$;
alter table campaigns add constraint campaigns_id_region_key unique (id, region_id);
alter table applications add constraint applications_campaign_region_fkey foreign key (campaign_id, region_id) references campaigns (id, region_id);
alter table applications drop constraint applications_campaign_id_fkey, drop constraint applications_region_id_fkey;
