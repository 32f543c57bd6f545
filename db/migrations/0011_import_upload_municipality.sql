-- A municipality's own nominations file uploaded by a regional coordinator
-- (app/imports/web.server.ts): the municipality chosen at the preview must
-- be the one the confirmation imports for, so it waits with the bytes.
alter table import_uploads add column municipality_id bigint references municipalities(id);
