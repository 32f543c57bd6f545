import { db, type Db } from '../client.server'
import type { VoteChoice } from './meetings.server'

export type MotionKind = 'appeal' | 'indicatorReport'
export type MotionDecision = 'adopted' | 'notAdopted'

export type Motion = {
  id: number
  meetingId: number
  kind: MotionKind
  subjectId: number
  applicationId: number | null
  title: string
  position: number
  decision: MotionDecision | null
}

const cols = (tx: Db) => tx`
  am.id::int, am.meeting_id::int as "meetingId", am.kind, am.subject_id::int as "subjectId",
  am.application_id::int as "applicationId", am.title, am.position, am.decision`

export async function motionsOf(meetingId: number, tx: Db = db()): Promise<Motion[]> {
  return tx<Motion[]>`select ${cols(tx)} from agenda_motions am where am.meeting_id = ${meetingId} order by am.position, am.id`
}

export async function motionById(id: number, tx: Db = db()): Promise<Motion | undefined> {
  const [row] = await tx<Motion[]>`select ${cols(tx)} from agenda_motions am where am.id = ${id}`
  return row
}

/** Null when the subject is already on this meeting's agenda. */
export async function insertMotion(
  m: { meetingId: number; kind: MotionKind; subjectId: number; applicationId: number | null; title: string; createdBy: number },
  tx: Db = db(),
): Promise<number | null> {
  const [row] = await tx<{ id: number }[]>`
    insert into agenda_motions (meeting_id, kind, subject_id, application_id, title, created_by, position)
    values (${m.meetingId}, ${m.kind}, ${m.subjectId}, ${m.applicationId}, ${m.title}, ${m.createdBy},
            (select coalesce(max(position), 0) + 1 from agenda_motions where meeting_id = ${m.meetingId}))
    on conflict (meeting_id, kind, subject_id) do nothing
    returning id::int`
  return row?.id ?? null
}

export async function deleteMotion(meetingId: number, motionId: number, tx: Db = db()): Promise<Motion | undefined> {
  const [row] = await tx<Motion[]>`delete from agenda_motions am where am.id = ${motionId} and am.meeting_id = ${meetingId} returning ${cols(tx)}`
  return row
}

export async function setMotionDecision(motionId: number, decision: MotionDecision, tx: Db = db()): Promise<void> {
  await tx`update agenda_motions set decision = ${decision} where id = ${motionId}`
}

export type MotionVote = { motionId: number; commissionMemberId: number; choice: VoteChoice }

export async function motionVotesOf(meetingId: number, tx: Db = db()): Promise<MotionVote[]> {
  return tx<MotionVote[]>`
    select v.motion_id::int as "motionId", v.commission_member_id::int as "commissionMemberId", v.choice
    from motion_votes v join agenda_motions m on m.id = v.motion_id
    where m.meeting_id = ${meetingId} order by v.cast_at`
}

export async function upsertMotionVote(v: MotionVote, tx: Db = db()): Promise<void> {
  await tx`
    insert into motion_votes (motion_id, commission_member_id, choice) values (${v.motionId}, ${v.commissionMemberId}, ${v.choice})
    on conflict (motion_id, commission_member_id) do update set choice = excluded.choice, cast_at = now()`
}

/** Votes on this meeting's motions by members no longer marked present. */
export async function deleteMotionVotesOfAbsent(meetingId: number, tx: Db = db()): Promise<number> {
  const rows = await tx`
    delete from motion_votes v using agenda_motions m
    where m.id = v.motion_id and m.meeting_id = ${meetingId}
      and not exists (select 1 from meeting_attendance t
                      where t.meeting_id = m.meeting_id and t.commission_member_id = v.commission_member_id and t.present)
    returning v.motion_id`
  return rows.length
}

export type SubjectMotion = Motion & { heldAt: Date; meetingStatus: string; protocolId: number | null; protocolNumber: number | null }

/** Where a subject was put on an agenda, newest meeting first, with the protocol once issued. */
export async function motionsOfSubject(kind: MotionKind, subjectId: number, tx: Db = db()): Promise<SubjectMotion[]> {
  return tx<SubjectMotion[]>`
    select ${cols(tx)}, mt.held_at as "heldAt", mt.status as "meetingStatus", pr.id::int as "protocolId", pr.number as "protocolNumber"
    from agenda_motions am join meetings mt on mt.id = am.meeting_id left join protocols pr on pr.meeting_id = mt.id
    where am.kind = ${kind} and am.subject_id = ${subjectId}
    order by mt.held_at desc, am.id desc`
}
