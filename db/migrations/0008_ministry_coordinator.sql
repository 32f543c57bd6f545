-- The ministry's and the regional coordinator's screens (issue 3, part C).
-- The tables exist since 0001; these are the lookups the screens make:
-- an order's appendix (approvals and members by order), a member's admission (the latest
-- approval of an application), the deadline job (open campaigns by date) and
-- a member's history (audit events by entity, already indexed).

create index approvals_order on approvals (order_id) where decision = 'approved';
create index approvals_application on approvals (application_id, id);
create index members_admitted_order on members (admitted_order_id);
create index campaigns_open_closes_on on campaigns (closes_on) where state = 'open';
create index orders_region_kind on orders (region_id, kind, date desc);
