-- Sign-in and registration throttling (docs/decisions/0007-sign-in-throttling.md).
-- One row per counted key ("pair:…", "addr:…", "login:…", "register:…"):
-- attempts in the current fixed window. An attempt is admitted or refused
-- while the row is locked, in the same transaction that counts it, so
-- parallel attempts cannot all see the old count.
create table throttle_counters (
  key text primary key,
  count integer not null default 0 check (count >= 0),
  window_start timestamptz not null default now(),
  -- per-login backoff: no attempt from an address the login does not know before this time
  next_allowed_at timestamptz
);
create index throttle_counters_window on throttle_counters (window_start);

-- Addresses (an IPv6 address by its /64) a login signed in from: they are
-- exempt from the login's global backoff, so strangers guessing a login
-- cannot keep its owner out. Kept 90 days after the last success.
create table sign_in_known_addresses (
  login text not null,
  address text not null,
  last_success_at timestamptz not null default now(),
  primary key (login, address)
);
create index sign_in_known_addresses_at on sign_in_known_addresses (last_success_at);

-- The per-row log of failures is replaced by the counters above.
drop table login_attempts;
