import { db, type Db } from '../client.server'
import type { Cursor } from '~/model/paging'
import { afterCursor } from './keyset'

export type MeetingStatus = 'planned' | 'open' | 'closed'

export type Meeting = {
  id: number
  commissionId: number
  regionId: number
  heldAt: Date
  place: string
  agenda: string
  status: MeetingStatus
  closedAt: Date | null
  protocolId: number | null
  protocolNumber: number | null
  itemCount: number
}

const meetingCols = (tx: Db) => tx`
  m.id::int, m.commission_id::int as "commissionId", c.region_id::int as "regionId", m.held_at as "heldAt", m.place, m.agenda,
  m.status, m.closed_at as "closedAt", pr.id::int as "protocolId", pr.number as "protocolNumber",
  (select count(*)::int from meeting_items i where i.meeting_id = m.id) as "itemCount"`

const meetingFrom = (tx: Db) => tx`meetings m join commissions c on c.id = m.commission_id left join protocols pr on pr.meeting_id = m.id`

export async function insertMeeting(
  m: { commissionId: number; heldAt: Date; place: string; agenda: string; createdBy: number },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into meetings (commission_id, held_at, place, agenda, created_by)
    values (${m.commissionId}, ${m.heldAt}, ${m.place}, ${m.agenda}, ${m.createdBy})
    returning id::int`
  return row.id
}

export async function meetingById(id: number, tx: Db = db()): Promise<Meeting | undefined> {
  const [row] = await tx<Meeting[]>`select ${meetingCols(tx)} from ${meetingFrom(tx)} where m.id = ${id}`
  return row
}

/** The meeting row locked for the rest of the transaction (votes and closing serialise on it). */
export async function lockMeeting(id: number, tx: Db): Promise<Meeting | undefined> {
  await tx`select id from meetings where id = ${id} for update`
  return meetingById(id, tx)
}

export async function meetingsOfCommission(commissionId: number, tx: Db = db()): Promise<Meeting[]> {
  return tx<Meeting[]>`select ${meetingCols(tx)} from ${meetingFrom(tx)} where m.commission_id = ${commissionId} order by m.held_at desc, m.id desc`
}

/** A meeting not closed gets a corrected date, time and place. */
export async function updateMeetingSchedule(id: number, m: { heldAt: Date; place: string }, tx: Db = db()): Promise<void> {
  await tx`update meetings set held_at = ${m.heldAt}, place = ${m.place} where id = ${id} and status <> 'closed'`
}

/** A mistaken meeting, never closed: its attendance, agenda and motions go with it (on delete cascade). */
export async function deleteMeetingRow(id: number, tx: Db = db()): Promise<boolean> {
  const rows = await tx`delete from meetings where id = ${id} and status <> 'closed' returning id`
  return rows.length === 1
}

export async function markMeetingClosed(id: number, userId: number, tx: Db = db()): Promise<void> {
  await tx`update meetings set status = 'closed', closed_at = now(), closed_by = ${userId} where id = ${id}`
}

// Attendance: no row means the member is not marked present (absent).

export type Attendance = { commissionMemberId: number; present: boolean; remote: boolean }

export async function attendanceOf(meetingId: number, tx: Db = db()): Promise<Attendance[]> {
  return tx<Attendance[]>`
    select commission_member_id::int as "commissionMemberId", present, remote
    from meeting_attendance where meeting_id = ${meetingId}`
}

export async function upsertAttendance(meetingId: number, rows: Attendance[], tx: Db = db()): Promise<void> {
  if (rows.length === 0) return
  const values = rows.map((r) => ({ meeting_id: meetingId, commission_member_id: r.commissionMemberId, present: r.present, remote: r.remote }))
  await tx`
    insert into meeting_attendance ${tx(values as never)}
    on conflict (meeting_id, commission_member_id) do update set present = excluded.present, remote = excluded.remote`
}

// Agenda items: candidates the meeting decides on.

export type MeetingItem = {
  applicationId: number
  position: number
  decision: 'recommended' | 'rejected' | 'deferred' | null
  fullName: string
  organisationName: string | null
  personPosition: string
  state: string
  campaignTitle: string
}

/** An agenda item's columns and the tables they come from (the whole agenda and its pages alike). */
const itemSelect = (tx: Db) => tx`
  select i.application_id::int as "applicationId", i.position, i.decision,
         trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName", o.name as "organisationName",
         p.position as "personPosition", a.state, c.title as "campaignTitle"
  from meeting_items i join applications a on a.id = i.application_id join campaigns c on c.id = a.campaign_id
  join people p on p.id = a.person_id left join organisations o on o.id = p.organisation_id`

export async function itemsOf(meetingId: number, tx: Db = db()): Promise<MeetingItem[]> {
  return tx<MeetingItem[]>`${itemSelect(tx)} where i.meeting_id = ${meetingId} order by i.position, i.application_id`
}

/** One page of the agenda in its order (position, then application): keyset after `after` (key: a position, id: an application), `limit + 1` rows. */
export async function itemsPageOf(meetingId: number, after: Cursor | null, limit: number, tx: Db = db()): Promise<MeetingItem[]> {
  return tx<MeetingItem[]>`
    ${itemSelect(tx)}
    where i.meeting_id = ${meetingId} and ${afterCursor(tx, tx`i.position`, tx`i.application_id`, after, 'asc')}
    order by i.position, i.application_id
    limit ${limit + 1}`
}

/** How many candidates the agenda has, and how many of them still wait for a decision (in review). */
export async function itemCountsOf(meetingId: number, tx: Db = db()): Promise<{ total: number; inReview: number }> {
  const [r] = await tx<{ total: number; inReview: number }[]>`
    select count(*)::int as total, (count(*) filter (where a.state = 'inReview'))::int as "inReview"
    from meeting_items i join applications a on a.id = i.application_id
    where i.meeting_id = ${meetingId}`
  return r
}

export async function insertItem(meetingId: number, applicationId: number, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    insert into meeting_items (meeting_id, application_id, position)
    values (${meetingId}, ${applicationId}, (select coalesce(max(position), 0) + 1 from meeting_items where meeting_id = ${meetingId}))
    on conflict (meeting_id, application_id) do nothing
    returning application_id`
  return rows.length === 1
}

export async function deleteItem(meetingId: number, applicationId: number, tx: Db = db()): Promise<boolean> {
  await tx`delete from votes where meeting_id = ${meetingId} and application_id = ${applicationId}`
  const rows = await tx`delete from meeting_items where meeting_id = ${meetingId} and application_id = ${applicationId} returning application_id`
  return rows.length === 1
}

export async function setItemDecision(meetingId: number, applicationId: number, decision: 'recommended' | 'rejected' | 'deferred' | null, tx: Db = db()) {
  await tx`update meeting_items set decision = ${decision} where meeting_id = ${meetingId} and application_id = ${applicationId}`
}

// Votes.

export type VoteChoice = 'for' | 'against' | 'abstain'
export type Vote = { applicationId: number; commissionMemberId: number; choice: VoteChoice }

export async function votesOf(meetingId: number, tx: Db = db()): Promise<Vote[]> {
  return tx<Vote[]>`
    select application_id::int as "applicationId", commission_member_id::int as "commissionMemberId", choice
    from votes where meeting_id = ${meetingId} order by id`
}

/** The votes on these candidates at this meeting (one page of the agenda). */
export async function votesOnItems(meetingId: number, applicationIds: number[], tx: Db = db()): Promise<Vote[]> {
  if (applicationIds.length === 0) return []
  return tx<Vote[]>`
    select application_id::int as "applicationId", commission_member_id::int as "commissionMemberId", choice
    from votes where meeting_id = ${meetingId} and application_id = any(${applicationIds}::bigint[]) order by id`
}

export async function upsertVote(meetingId: number, v: Vote, tx: Db = db()): Promise<void> {
  await tx`
    insert into votes (meeting_id, application_id, commission_member_id, choice)
    values (${meetingId}, ${v.applicationId}, ${v.commissionMemberId}, ${v.choice})
    on conflict (meeting_id, application_id, commission_member_id) do update set choice = excluded.choice, cast_at = now()`
}

/** Votes of members who are no longer present at this meeting. */
export async function deleteVotesOfAbsent(meetingId: number, tx: Db = db()): Promise<number> {
  const rows = await tx`
    delete from votes v where v.meeting_id = ${meetingId}
      and not exists (select 1 from meeting_attendance t
                      where t.meeting_id = v.meeting_id and t.commission_member_id = v.commission_member_id and t.present)
    returning v.id`
  return rows.length
}

/** A member's votes on a candidate in meetings not yet closed (removed when they become recused). */
export async function deleteOpenVotes(commissionMemberId: number, applicationId: number, tx: Db = db()): Promise<number> {
  const rows = await tx`
    delete from votes v using meetings m
    where m.id = v.meeting_id and m.status <> 'closed'
      and v.commission_member_id = ${commissionMemberId} and v.application_id = ${applicationId}
    returning v.id`
  return rows.length
}
