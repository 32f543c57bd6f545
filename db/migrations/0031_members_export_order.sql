-- Staff exports of members in name order, batch by batch (issue 14): each
-- batch is a range of this index after the last row of the one before, not
-- a sort of every member in scope (20,000 in a large region, re-sorted for
-- every batch). The same key as the roster's (members.sort_key, migration
-- 0021), for members in every state.
create index members_sort on members (sort_key collate "C", id);
