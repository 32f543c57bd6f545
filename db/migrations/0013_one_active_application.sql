-- One active application per person per campaign (issue 9, item 3).
--
-- "Active" is every state of workflows/application.machine.ts that is not
-- final: draft, submitted, screening, needsInformation, inReview, deferred,
-- recommended, atMinistry, returned, approved. The final states (withdrawn,
-- ineligible, rejected, published) leave the person free to apply again in
-- the same campaign while it takes applications; no transition leaves a final
-- state, so a row never comes back into the index by a state change.
--
-- The list of states is written twice: here and in the ON CONFLICT target of
-- db/queries/applications.server.ts (insertApplication). Change both together.

-- Existing duplicates (the application form used to allow them): in each
-- (person, campaign) the application furthest along the pipeline stays (the
-- most recently changed one on a tie); the others are withdrawn, exactly as
-- the machine's WITHDRAW would leave them (state and snapshot), with an audit
-- row that says why. Deleting them would lose their history and evidence;
-- keeping a draft next to an application at the ministry would keep the
-- confusion the constraint exists to end. The demo data has none (each of its
-- applications has a person of its own).
with active as (
  select id, person_id, campaign_id, region_id, state,
         row_number() over (
           partition by person_id, campaign_id
           order by array_position(array['draft', 'submitted', 'screening', 'needsInformation', 'deferred', 'inReview', 'returned',
                                         'recommended', 'atMinistry', 'approved']::text[], state) desc,
                    updated_at desc, id desc) as rank
  from applications
  where state in ('draft', 'submitted', 'screening', 'needsInformation', 'inReview', 'deferred', 'recommended', 'atMinistry',
                  'returned', 'approved')
), extra as (
  update applications a
  set state = 'withdrawn',
      snapshot = jsonb_set(jsonb_set(a.snapshot, '{value}', '"withdrawn"'), '{status}', '"done"'),
      row_version = a.row_version + 1,
      updated_at = now()
  from active
  where active.id = a.id and active.rank > 1
  returning a.id, a.region_id, active.state as from_state
)
insert into audit_events (region_id, entity, entity_id, action, from_state, to_state, reason)
select region_id, 'application', id, 'WITHDRAW', from_state, 'withdrawn',
       'Повторное заявление того же человека на тот же отбор: оставлено заявление, продвинувшееся дальше'
from extra;

create unique index applications_one_active_per_person
  on applications (person_id, campaign_id)
  where state in ('draft', 'submitted', 'screening', 'needsInformation', 'inReview', 'deferred', 'recommended', 'atMinistry',
                  'returned', 'approved');
