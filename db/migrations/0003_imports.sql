-- Spreadsheet imports (app/imports, docs/decisions/0004-import-natural-keys.md).

-- The import log: which campaign and, for a municipal coordinator, which
-- municipality; what the file was (hash, encoding, delimiter) and what it did.
alter table imports
  add column campaign_id bigint references campaigns(id),
  add column municipality_id bigint references municipalities(id),
  add column counts jsonb not null default '{}',
  add column encoding text,
  add column delimiter text;
create index imports_region_recent on imports (region_id, id desc);

-- An uploaded file between its preview and its confirmation. App servers
-- keep no state (DESIGN §9), so the bytes wait here; the confirmation names
-- the row and the hash the user saw, and only the uploader may confirm.
-- Rows are deleted on confirmation and after a day unconfirmed.
create table import_uploads (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  campaign_id bigint not null references campaigns(id),
  kind text not null check (kind in ('nominations', 'registry', 'qualification')),
  uploaded_by bigint not null references users(id) on delete cascade,
  file_name text not null,
  file_sha256 text not null,
  size_bytes integer not null check (size_bytes >= 0),
  content bytea not null,
  created_at timestamptz not null default now()
);
create index import_uploads_created on import_uploads (created_at);
