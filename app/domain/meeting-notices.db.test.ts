import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { deliverBySmtp } from '../../test/support/mail'
import { setup } from '../../test/meeting-fixtures'
import { toLocalDateTime } from '~/model/protocol'
import { createMeeting, deleteMeeting, rescheduleMeeting } from './meetings.server'

// Every member of a commission (the chair and the secretary too) hears of a
// meeting ahead set, moved or cancelled, except the one who did it; the time
// is the region's wall clock (Tomsk, UTC+7), never Moscow's.

const DAY = 24 * 3600 * 1000
const ZONE = 'Asia/Tomsk'
const local = (days: number) => toLocalDateTime(new Date(Date.now() + days * DAY), ZONE)
/** «2026-12-10T16:05» → «в 16.05»: how a letter says the hour. */
const clock = (wall: string) => `в ${wall.slice(11, 13)}.${wall.slice(14, 16)}`

async function letters(template: string, entity: string, entityId: number) {
  return db()<{ id: number; userId: number }[]>`
    select id::int, recipient_user_id::int as "userId" from outbox
    where template = ${template} and entity = ${entity} and entity_id = ${entityId} order by recipient_user_id`
}

describe('letters to the commission about its meetings', () => {
  it('a meeting set ahead: every member but the secretary who set it gets a letter with the time in Tomsk, the place and the link', async () => {
    const s = await setup({ members: 2, candidates: 0 })
    const at = local(10)
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: at, place: 'г. Томск, ул. Пирогова, 10', agenda: '' })
    const rows = await letters('meetingScheduled', 'meeting', meeting)
    expect(rows.map((r) => r.userId)).toEqual(s.voters.map((a) => a.userId).sort((a, b) => a - b))
    const texts = await deliverBySmtp(rows.map((r) => r.id))
    expect(texts).toHaveLength(3)
    const [text] = texts
    expect(text).toMatch(/Назначено заседание комиссии «.+»\./)
    expect(text).toContain(`${clock(at)} (местное время, UTC+7)`)
    expect(text).toContain('Где: г. Томск, ул. Пирогова, 10')
    expect(text).toContain(`Открыть заседание: http://rma.test/meetings/${meeting}`)
    expect(text).not.toMatch(/meetingScheduled|UTC\+3/)
    expect(text).toContain(`Когда: ${Number(at.slice(8, 10))} `)
  })

  it('a meeting moved: the members are told the new date and the old one; a place alone changed is said so', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const before = local(10)
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: before, place: 'г. Томск', agenda: '' })
    const after = local(12)
    await rescheduleMeeting(s.secretary, meeting, { heldAt: after, place: 'г. Томск' })
    const moved = await letters('meetingMoved', 'meeting', meeting)
    expect(moved.map((r) => r.userId)).toEqual(s.voters.map((a) => a.userId).sort((a, b) => a - b))
    const [text] = await deliverBySmtp(moved.map((r) => r.id).slice(0, 1))
    expect(text).toMatch(/Заседание .+ перенесено\./)
    expect(text).toContain(`Когда: `)
    expect(text).toContain(`${clock(after)} (местное время, UTC+7)`)
    expect(text).toMatch(new RegExp(`Прежде было: .+ ${clock(before)} \\(местное время, UTC\\+7\\)\\.`))
    expect(text).toContain(`http://rma.test/meetings/${meeting}`)

    await rescheduleMeeting(s.secretary, meeting, { heldAt: after, place: 'г. Томск, ул. Ленина, 1' })
    const placeOnly = (await letters('meetingMoved', 'meeting', meeting)).filter((r) => !moved.some((m) => m.id === r.id))
    expect(placeOnly).toHaveLength(2)
    const [second] = await deliverBySmtp([placeOnly[0].id])
    expect(second).toMatch(/Изменилось место заседания .+\./)
    expect(second).toContain('Где: г. Томск, ул. Ленина, 1')
    expect(second).toContain('Прежде было: г. Томск.')

    // the same date and place again: nothing changed, nothing sent
    await rescheduleMeeting(s.secretary, meeting, { heldAt: after, place: 'г. Томск, ул. Ленина, 1' })
    expect(await letters('meetingMoved', 'meeting', meeting)).toHaveLength(4)
  })

  it('a meeting deleted: the members are told it is cancelled, with a link to the commission’s meetings', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const at = local(10)
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: at, place: 'г. Томск', agenda: '' })
    await deleteMeeting(s.secretary, meeting)
    const rows = await letters('meetingCancelled', 'commission', s.region.commissionId)
    expect(rows.map((r) => r.userId)).toEqual(s.voters.map((a) => a.userId).sort((a, b) => a - b))
    const [text] = await deliverBySmtp([rows[0].id])
    expect(text).toMatch(new RegExp(`Заседание .+ ${clock(at)} \\(местное время, UTC\\+7\\) \\(г\\. Томск\\) отменено\\.`))
    expect(text).toContain(`http://rma.test/meetings?commission=${s.region.commissionId}`)
  })

  it('a meeting recorded after it was held (a past date) sends no letter', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(-2), place: 'г. Томск', agenda: '' })
    await rescheduleMeeting(s.secretary, meeting, { heldAt: local(-1), place: 'г. Томск' })
    await deleteMeeting(s.secretary, meeting)
    expect(await db()`select 1 from outbox where template like 'meeting%' and (entity = 'meeting' and entity_id = ${meeting} or entity = 'commission' and entity_id = ${s.region.commissionId})`).toHaveLength(0)
  })
})
