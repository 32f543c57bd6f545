-- Terms and leaving the active (issue 10 §3.1–3.3, §4).

-- The region's grounds for leaving (Tomsk regulation №1788-р §3.3): own
-- request, low activity confirmed by the evaluation, change of job,
-- violation, end of term. A region with no rows uses the defaults of
-- app/model/leaving-grounds.ts; its coordinator's first edit stores them
-- here. A ground is never deleted, only taken off the list (`active`), so
-- the history and the public change log keep its label.
create table leaving_grounds (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  code text not null check (code ~ '^[a-zA-Z][a-zA-Z0-9-]{0,39}$'),
  label text not null check (length(label) between 3 and 200),
  position integer not null,
  active boolean not null default true,
  unique (region_id, code)
);
-- Its labels show on the public change log of /regions/<code> (decision 0005).
create trigger roster_leaving_grounds after insert or update or delete on leaving_grounds for each statement execute function bump_roster_state();

-- The ground of the latest change of the composition, beside its order
-- (changed_order_id) and free-text reason (change_reason); each event's own
-- ground is in its audit row's data.
alter table members add column change_ground text;

-- Term reminders already sent (90 and 30 days before term_ends_on). The
-- unique key makes the job idempotent: a restart, a second run the same day
-- or a second app server claims the same key and sends nothing more. One
-- claim covers the member's letter and their coordinators'. The term's end is
-- in the key, so a term moved later (renewal) is reminded of again.
create table term_reminders (
  id bigint generated always as identity primary key,
  member_id bigint not null references members(id),
  days integer not null check (days in (90, 30)),
  term_ends_on date not null,
  created_at timestamptz not null default now(),
  unique (member_id, days, term_ends_on)
);

-- The jobs and the dashboard look for the terms of current members.
create index members_term_ends on members (term_ends_on) where state in ('active', 'suspended');
