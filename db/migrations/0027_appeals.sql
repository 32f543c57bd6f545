-- Appeals (issue 10 §5, DESIGN §4 "appeal"): after «не соответствует
-- требованиям» or «отклонено» the applicant may appeal within the campaign's
-- appeal period; the commission decides it at a meeting (an agenda motion of
-- kind 'appeal'). A workflow row like activity records: the machine's
-- snapshot, its state for SQL filters, and a row version.

-- Working days (Monday–Friday) counted from the day after the decision, in the
-- region's zone; see app/model/appeals.ts for why holidays are not counted.
alter table campaigns add column appeal_days integer not null default 10 check (appeal_days between 1 and 60);

create table appeals (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  application_id bigint not null references applications(id),
  -- the campaign's commission when the appeal was filed: who decides it
  commission_id bigint references commissions(id),
  -- the nominating municipality (null for a teacher's own application): its coordinator files for a candidate without an account
  municipality_id bigint references municipalities(id),
  -- the applicant's account, if any: scope 'own' of the role table
  owner_user_id bigint references users(id),
  -- the decision appealed: the application's state then, and the audit row of that transition
  -- ('audit:<id>', or 'at:<updated_at>' for rows that reached the state without an audit row, e.g. old demo data)
  decision_state text not null check (decision_state in ('ineligible', 'rejected')),
  decision_ref text not null,
  decided_at timestamptz not null,
  body text not null check (length(body) between 1 and 5000),
  filed_by bigint not null references users(id),
  snapshot jsonb not null,
  state text not null,
  machine_version text not null,
  row_version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- one appeal per decision (the 50-way race test relies on it)
  unique (application_id, decision_ref)
);
create index appeals_commission_queue on appeals (commission_id, state, id);
create index appeals_owner on appeals (owner_user_id);

-- The appeal's documents are evidence of the application (same checks, same
-- storage, same private download), marked with the appeal they came with.
alter table evidence add column appeal_id bigint references appeals(id);
create index evidence_appeal on evidence (appeal_id) where appeal_id is not null;
