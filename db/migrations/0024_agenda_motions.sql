-- Other questions a meeting decides by vote besides candidates (issue 10):
-- an appeal, the yearly indicator report. One mechanism for every kind: the
-- motion, its votes, and its line in the protocol; what a decision does is
-- the kind's own (app/domain/motion-kinds.server.ts).
create table agenda_motions (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meetings(id) on delete cascade,
  kind text not null check (kind in ('appeal', 'indicatorReport')),
  -- appeals.id or indicator_reports.id, by kind
  subject_id bigint not null,
  -- the application an appeal is about: members recused from it do not vote
  application_id bigint references applications(id),
  title text not null check (length(title) between 1 and 500),
  position integer not null default 0,
  decision text check (decision in ('adopted', 'notAdopted')),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  unique (meeting_id, kind, subject_id)
);
create index agenda_motions_subject on agenda_motions (kind, subject_id);

create table motion_votes (
  motion_id bigint not null references agenda_motions(id) on delete cascade,
  commission_member_id bigint not null references commission_members(id),
  choice text not null check (choice in ('for', 'against', 'abstain')),
  cast_at timestamptz not null default now(),
  primary key (motion_id, commission_member_id)
);
