-- Self-service accounts (issue 11): password reset and e-mail confirmation
-- links, and the session list a person sees on /my/sessions.

-- One-time links sent by e-mail. Only the SHA-256 of the token is kept: the
-- link in the message is the only copy, so reading this table gives no way in.
create table account_tokens (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id) on delete cascade,
  purpose text not null check (purpose in ('passwordReset', 'emailConfirmation')),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_user on account_tokens (user_id, purpose) where used_at is null;

-- When the owner of the login proved the address is theirs. Accounts made by
-- people who know the address (staff by the CLI or an invitation, imports,
-- the demo) count as confirmed from the start: the default. Self-registration
-- sets it to null until the link in the confirmation mail is followed.
alter table users add column email_confirmed_at timestamptz default now();

-- The session list: when each session was last used (updated at most every
-- few minutes), which browser opened it, and a number to name it by in a
-- form (the id itself is the bearer secret and never leaves the cookie).
alter table sessions
  add column last_seen_at timestamptz not null default now(),
  add column user_agent text,
  add column ref bigint generated always as identity unique;
