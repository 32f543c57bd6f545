-- The municipal active's own selection (issue 10 §6, PRODUCT §1.7): a
-- municipal education authority (МОУО) runs the same pipeline as the region
-- for its municipal roster (rosters.level = 'municipal', one per
-- municipality). Its commission, its rule sets and the orders of its
-- approver carry the municipality; rows without one are the region's.

alter table commissions add column municipality_id bigint references municipalities(id);
alter table orders add column municipality_id bigint references municipalities(id);
alter table rule_sets add column municipality_id bigint references municipalities(id);

-- One municipal roster per municipality, created on demand with its first campaign.
create unique index rosters_municipal_once on rosters (municipality_id) where level = 'municipal';

-- The municipal approver: a grant scoped to one municipality, like the
-- municipal coordinator's (mirrors roleTable and grantShapeOk).
alter table role_grants drop constraint role_grants_role_check;
alter table role_grants add constraint role_grants_role_check check (role in ('applicant', 'municipalCoordinator',
  'secretary', 'commissionMember', 'chair', 'ministryOfficer', 'regionalCoordinator', 'admin', 'municipalApprover'));
alter table role_grants drop constraint role_grants_check;
alter table role_grants add constraint role_grants_check check (case role
  when 'admin' then region_id is null
  when 'applicant' then true
  when 'municipalCoordinator' then region_id is not null and municipality_id is not null
  when 'municipalApprover' then region_id is not null and municipality_id is not null
  when 'secretary' then region_id is not null and commission_id is not null
  when 'commissionMember' then region_id is not null and commission_id is not null
  when 'chair' then region_id is not null and commission_id is not null
  else region_id is not null end);

alter table invitations drop constraint invitations_role_check;
alter table invitations add constraint invitations_role_check check (role in ('municipalCoordinator', 'secretary',
  'commissionMember', 'chair', 'ministryOfficer', 'regionalCoordinator', 'municipalApprover'));
alter table invitations drop constraint invitations_check;
alter table invitations add constraint invitations_check check (case role
  when 'municipalCoordinator' then municipality_id is not null and commission_id is null
  when 'municipalApprover' then municipality_id is not null and commission_id is null
  when 'secretary' then commission_id is not null and municipality_id is null
  when 'commissionMember' then commission_id is not null and municipality_id is null
  when 'chair' then commission_id is not null and municipality_id is null
  else municipality_id is null and commission_id is null end);
