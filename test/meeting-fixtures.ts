import { commissionMemberByUser } from '../db/queries/commissions.server'
import { createMeeting, setAttendance } from '../app/domain/meetings.server'
import type { Actor } from '../app/model/permissions'
import { forceApplicationState, makeApplication, makeRegion } from './fixtures'

// A commission with its meeting, shared by the meeting and motion db tests.

export const toInReview = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }]

export type Region = Awaited<ReturnType<typeof makeRegion>>

/** A commission with a secretary, a chair and `members` members, and `candidates` applications in review. */
export async function setup(opts: { members?: number; candidates?: number } = {}) {
  const region = await makeRegion()
  const secretary = await region.actor('secretary')
  const chair = await region.actor('chair')
  const members: Actor[] = []
  for (let i = 0; i < (opts.members ?? 3); i++) members.push(await region.actor('commissionMember'))
  const applicant = await region.actor('applicant')
  const apps: number[] = []
  // one active application per person per campaign: each further candidate is another teacher
  for (let i = 0; i < (opts.candidates ?? 1); i++) {
    const id = await makeApplication(region, i === 0 ? applicant : await region.actor('applicant'))
    await forceApplicationState(id, toInReview)
    apps.push(id)
  }
  const memberId = async (a: Actor) => (await commissionMemberByUser(region.commissionId, a.userId))!.id
  return { region, secretary, chair, members, voters: [chair, ...members], applicant, apps, memberId }
}

export async function meetingWithQuorum(s: Awaited<ReturnType<typeof setup>>, heldAt = '2026-05-20T16:00', present: Actor[] = s.voters) {
  const id = await createMeeting(s.secretary, s.region.commissionId, { heldAt, place: 'г. Томск, ул. Пирогова, 10', agenda: 'Рассмотрение кандидатур' })
  const entries = await Promise.all(
    [s.secretary, ...s.voters].map(async (a) => ({ memberId: await s.memberId(a), status: present.includes(a) || a === s.secretary ? ('present' as const) : ('absent' as const) })),
  )
  await setAttendance(s.secretary, id, entries)
  return id
}

