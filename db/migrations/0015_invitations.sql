-- Staff invitations by e-mail (issue 11 §1.3, §4.3): a holder of user:manage
-- names an address, a role and its scope; the person follows the link in the
-- letter, makes an account (or uses the one they have) and receives the grant.

create table invitations (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  role text not null check (role in ('municipalCoordinator', 'secretary', 'commissionMember', 'chair',
    'ministryOfficer', 'regionalCoordinator')),
  municipality_id bigint references municipalities(id),
  commission_id bigint references commissions(id),
  -- the login the account will have (logins are lower-case addresses)
  email text not null check (email = lower(email)),
  display_name text not null,
  -- Only the SHA-256 of the link's token, like account_tokens: the letter holds
  -- the only copy. A resend replaces it, so the earlier link stops working.
  token_hash text not null unique,
  invited_by bigint references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  resent_count integer not null default 0 check (resent_count >= 0),
  last_sent_at timestamptz not null default now(),
  accepted_at timestamptz,
  accepted_user_id bigint references users(id),
  revoked_at timestamptz,
  -- the scope columns the role's grant needs (mirrors role_grants and grantShapeOk)
  check (case role
    when 'municipalCoordinator' then municipality_id is not null and commission_id is null
    when 'secretary' then commission_id is not null and municipality_id is null
    when 'commissionMember' then commission_id is not null and municipality_id is null
    when 'chair' then commission_id is not null and municipality_id is null
    else municipality_id is null and commission_id is null end),
  check ((accepted_at is null) = (accepted_user_id is null)),
  check (accepted_at is null or revoked_at is null)
);
-- the region's list, newest first (keyset on the id)
create index invitations_region on invitations (region_id, id desc);
-- "is there already a pending invitation for this address and grant?"
create index invitations_open on invitations (email) where accepted_at is null and revoked_at is null;
