-- The commission's work (issue 3, part B): reviewer assignment, meetings,
-- votes and protocols. The tables exist since 0001; this adds the campaign
-- rubric, who did what on meetings, and the indexes the screens query by.

-- A rubric score where the campaign defines one: reviews carry a score from
-- 0 to rubric_max; null means the campaign asks for no score.
alter table campaigns add column rubric_max integer check (rubric_max between 1 and 100);

alter table meetings add column created_by bigint references users(id);
alter table meetings add column closed_at timestamptz;
alter table meetings add column closed_by bigint references users(id);

-- Load balancing counts a member's open assignments; the board lists an
-- application's reviewers and recusals.
create index reviews_member on reviews (commission_member_id) where submitted_at is null;
create index recusals_application on recusals (application_id);
create index votes_meeting_application on votes (meeting_id, application_id);
create index meeting_items_application on meeting_items (application_id);
create index meetings_commission on meetings (commission_id, held_at desc);
