-- Requests for information and the applicant's replies (PRODUCT §2: the
-- secretary requests information, the applicant answers). One row per
-- request; the reply is written into the same row when it comes, in the
-- transaction that moves the application back to screening. The request's
-- text was only an audit reason before; the thread on the application page
-- and the letters read it from here.
create table information_requests (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications(id) on delete cascade,
  region_id bigint not null references regions(id),
  message text not null check (length(message) between 1 and 4000),
  -- the last day to reply, a calendar day of the region («до 15.03 включительно»)
  reply_by date,
  requested_by bigint references users(id),
  requested_at timestamptz not null default now(),
  reply text check (reply is null or length(reply) <= 4000),
  replied_by bigint references users(id),
  replied_at timestamptz,
  check (replied_at is not null or (reply is null and replied_by is null))
);
create index information_requests_application on information_requests (application_id, id);
-- at most one open request per application: the machine allows one at a time
create unique index information_requests_open on information_requests (application_id) where replied_at is null;

-- The documents sent with a reply belong to it in the thread.
alter table evidence add column information_request_id bigint references information_requests(id);

-- Requests still open when this table arrived: their text was the audit reason.
insert into information_requests (application_id, region_id, message, requested_by, requested_at)
select a.id, a.region_id, coalesce(nullif(e.reason, ''), 'Запрошены дополнительные сведения.'), e.actor_user_id, e.at
from applications a
join lateral (
  select reason, actor_user_id, at from audit_events
  where entity = 'application' and entity_id = a.id and action = 'REQUEST_INFO'
  order by id desc limit 1
) e on true
where a.state = 'needsInformation';
