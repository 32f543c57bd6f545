-- The whole open-data files (/roster.json, /roster.csv, of all regions or
-- one), kept as served for the roster version they were built for (issue 14,
-- roster_json_all_ms). Building the file of 46,000 members takes the database
-- ≈ 1 s of CPU; a server that starts, or another server behind the same
-- balancer, reads it back instead while the version holds
-- (server/public-cache.ts). `version` is the public cache's version: the
-- roster's and the regions' day (docs/decisions/0005).
create table public_files (
  key text primary key,
  version text not null,
  roster_version bigint not null,
  status int not null,
  headers jsonb not null,
  -- The body gzipped (level 1: 28 MB of JSON are ≈ 2.5 MB, read back in tens of milliseconds).
  gzip bytea not null,
  built_at timestamptz not null default now()
);
-- Compressed already: TOAST would only try again.
alter table public_files alter column gzip set storage external;

-- A change of what the public sees drops every kept file in its own
-- transaction: a withdrawn consent is not kept here after its commit, not
-- even unserved. (A file is only stored while the roster is still at the
-- version it was built from: db/queries/public-files.server.ts.)
create function drop_public_files() returns trigger language plpgsql as $$
begin
  delete from public_files;
  return null;
end $$;
create trigger public_files_stale after update on roster_state for each statement execute function drop_public_files();
