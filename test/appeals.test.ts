import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as page from '../app/routes/applications.$id/route'
import * as list from '../app/routes/commission_.appeals'
import * as campaignPage from '../app/routes/campaigns.manage.$id'
import * as appealLink from '../app/routes/appeals.$id'
import { loader as downloadLoader } from '../app/routes/applications.$id_.evidence.$evidenceId'
import { createApplication } from '../app/domain/applications.server'
import { fileAppeal } from '../app/domain/appeals.server'
import { createMeeting, deleteMeeting } from '../app/domain/meetings.server'
import { addMotion } from '../app/domain/motions.server'
import { db } from '../db/client.server'
import { applicationById } from '../db/queries/applications.server'
import { canReadApplication } from '~/model/application-access'
import type { Actor, Role } from '~/model/permissions'
import { forceApplicationState, makeRegion, strongFacts } from './fixtures'
import { replyOf } from './support/form'
import { renderRoute } from './render'
import { candidate, get, post, statusOf, type Region } from './staff-helpers'
import { cookieFor, routeContext } from './support/session'

// Appeals (issue 10 §5) through the application page: filed within the
// campaign's period with a text and documents, one per decision, refused in
// Russian after the period; who may file; the secretary's list.

const ctx = routeContext()
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
type Steps = { type: string; [k: string]: unknown }[]
const toRejected: Steps = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }, { type: 'REJECT' }]
const toIneligible: Steps = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'fail', failedRules: ['exp'] }, { type: 'MARK_INELIGIBLE', reasons: ['Стаж менее 5 лет'] }]

async function fileAs(actor: Actor, id: number, body: string, files: { name: string; bytes: Uint8Array }[] = []) {
  const fd = new FormData()
  fd.set('intent', 'appeal')
  fd.set('body', body)
  for (const f of files) fd.append('appealFiles', new File([new Uint8Array(f.bytes)], f.name, { type: 'application/octet-stream' }))
  const request = new Request(`http://localhost/applications/${id}`, { method: 'POST', body: fd, headers: { Cookie: await cookieFor(actor) } })
  return page.action({ request, params: { id: String(id) }, context: ctx }).catch((e) => (e instanceof Response ? e : Promise.reject(e)))
}

const appealsOf = (applicationId: number) =>
  db()<{ id: number; state: string; body: string; decisionState: string }[]>`
    select id::int, state, body, decision_state as "decisionState" from appeals where application_id = ${applicationId} order by id`

/** Moves the decision back in time: the period is counted from it. */
const decidedDaysAgo = (applicationId: number, days: number) =>
  db()`update applications set updated_at = now() - make_interval(days => ${days}) where id = ${applicationId}`

describe('filing an appeal', () => {
  it('the applicant files within the period with a text and a PDF; the page shows it; a second one on the same decision is refused', async () => {
    const region = await makeRegion('tomsk')
    const { id, applicant } = await candidate(region, 'Апелляционная', toRejected)
    const secretary = await region.actor('secretary')
    const before = await renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(applicant) }, '/applications/:id')
    expect(before).toContain('Подать апелляцию')
    expect(before).toMatch(/подайте апелляцию до \d\d\.\d\d\.\d{4} включительно \(10 рабочих дней/)

    const empty = replyOf(await fileAs(applicant, id, '   '))
    expect([empty.status, empty.fields.body]).toEqual([400, 'Изложите доводы апелляции'])
    const badFile = replyOf(await fileAs(applicant, id, 'Стаж подтверждён', [{ name: 'скан.pdf', bytes: new TextEncoder().encode('not a pdf') }]))
    expect(badFile.status).toBe(400)
    expect(badFile.fields.files).toMatch(/скан\.pdf/)
    expect(await appealsOf(id)).toEqual([])

    const res = await fileAs(applicant, id, 'Комиссия не учла победу в конкурсе', [{ name: 'диплом.pdf', bytes: PDF }])
    expect(statusOf(res as Response)).toBe(302)
    const [appeal] = await appealsOf(id)
    expect(appeal).toMatchObject({ state: 'filed', body: 'Комиссия не учла победу в конкурсе', decisionState: 'rejected' })
    const docs = await db()<{ fileName: string; fact: string }[]>`select file_name as "fileName", fact from evidence where appeal_id = ${appeal.id}`
    expect(docs).toEqual([{ fileName: 'диплом.pdf', fact: 'appeal' }])
    const letters = await db()<{ t: string }[]>`select template || '→' || recipient_role as t from outbox where entity = 'appeal' and entity_id = ${appeal.id} order by id`
    expect(letters.map((l) => l.t)).toEqual(['appealFiled→applicant', 'appealWaiting→secretary'])

    const after = await renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(applicant) }, '/applications/:id')
    expect(after).toContain('Подана, ждёт заседания комиссии')
    expect(after).toContain('диплом.pdf')
    expect(after).not.toContain('Изложите доводы')
    // withdrawing the appeal is offered, so the page does not also say there is nothing to do
    expect(after).toContain('Отозвать апелляцию')
    expect(after).not.toContain('Сейчас действий для вас нет')
    expect(after.replace(/<[^>]+>/g, ' ')).not.toMatch(/\bfiled\b|onAgenda|rejected/)

    const again = replyOf(await fileAs(applicant, id, 'Ещё раз'))
    expect([again.status, again.code, again.message]).toEqual([409, 'APPEAL_EXISTS', 'На это решение апелляция уже подана: на одно решение — одна апелляция.'])
    expect(await appealsOf(id)).toHaveLength(1)

    // a notice about the appeal leads to the application's page, for those who may read it
    const link = (await get(appealLink.loader, applicant, `/appeals/${appeal.id}`, { id: String(appeal.id) })) as Response
    expect([link.status, link.headers.get('Location')]).toEqual([302, `/applications/${id}#appeal`])
    expect(statusOf((await get(appealLink.loader, await region.actor('applicant'), `/appeals/${appeal.id}`, { id: String(appeal.id) })) as Response)).toBe(404)

    // the secretary sees it in the list of appeals waiting for a meeting
    const data = (await get<{ page: { rows: { applicationId: number; state: string }[]; total: number } }>(list.loader, secretary, '/commission/appeals')) as { page: { rows: { applicationId: number }[]; total: number } }
    expect(data.page.rows.map((r) => r.applicationId)).toEqual([id])
    expect(data.page.total).toBe(1)
  })

  it('is refused in Russian once the period is over, and the page says when it ended', async () => {
    const region = await makeRegion('tomsk')
    const { id, applicant } = await candidate(region, 'Опоздавшая', toIneligible)
    await decidedDaysAgo(id, 30)
    const late = replyOf(await fileAs(applicant, id, 'Прошу пересмотреть'))
    expect([late.status, late.code]).toEqual([409, 'APPEAL_PERIOD_OVER'])
    expect(late.message).toMatch(/^Срок подачи апелляции истёк \d\d\.\d\d\.\d{4}\.$/)
    const html = await renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(applicant) }, '/applications/:id')
    expect(html).toMatch(/Срок подачи апелляции на это решение истёк \d\d\.\d\d\.\d{4}/)
    expect(html).not.toContain('Подать апелляцию')
    expect(html).toContain('Сейчас действий для вас нет')
    expect(await appealsOf(id)).toEqual([])
  })

  it('follows the campaign’s period: the coordinator sets 20 working days and a 20-day-old decision can still be appealed', async () => {
    const region = await makeRegion('tomsk')
    const { id, applicant } = await candidate(region, 'Долгосрочная', toRejected)
    await decidedDaysAgo(id, 20)
    expect(replyOf(await fileAs(applicant, id, 'Прошу пересмотреть')).code).toBe('APPEAL_PERIOD_OVER')
    const coordinator = await region.actor('regionalCoordinator')
    const bad = replyOf(await post(campaignPage.action, coordinator, `/campaigns/manage/${region.campaignId}`, { intent: 'appealDays', appealDays: '0' }, { id: String(region.campaignId) }))
    expect(bad.fields.appealDays).toBe('Срок — не меньше одного рабочего дня')
    const saved = await post(campaignPage.action, coordinator, `/campaigns/manage/${region.campaignId}`, { intent: 'appealDays', appealDays: '20' }, { id: String(region.campaignId) })
    expect(statusOf(saved)).toBe(302)
    expect(statusOf((await fileAs(applicant, id, 'Прошу пересмотреть')) as Response)).toBe(302)
    // only the region's coordinator changes it; to a secretary the campaign page does not exist (404, test/record-scope.test.ts)
    const secretary = await region.actor('secretary')
    expect(statusOf(await post(campaignPage.action, secretary, `/campaigns/manage/${region.campaignId}`, { intent: 'appealDays', appealDays: '30' }, { id: String(region.campaignId) }))).toBe(404)
  })

  it('is only against «не соответствует требованиям» or «отклонено»', async () => {
    const region = await makeRegion('tomsk')
    const { id, applicant } = await candidate(region, 'Рассматриваемая', toRejected.slice(0, 3))
    const refused = replyOf(await fileAs(applicant, id, 'Прошу'))
    expect([refused.status, refused.code]).toEqual([409, 'NOT_APPEALABLE'])
  })
})

async function nominated(region: Region, coordinator: Actor) {
  const id = await createApplication(
    {
      campaignId: region.campaignId,
      source: 'municipality',
      person: { municipalityId: region.municipalities[0].id, lastName: 'Выдвинутая', firstName: 'Ольга', middleName: 'Петровна', organisationId: null, position: 'учитель', workEmail: `${randomUUID().slice(0, 8)}@school.test`, subjects: [] },
      private: {},
      facts: strongFacts(),
    },
    coordinator,
  )
  await forceApplicationState(id, toRejected)
  return id
}

describe('an appeal whose meeting is deleted', () => {
  it('the application page shows it waiting for a meeting again, with no date, and it may be withdrawn', async () => {
    const region = await makeRegion('tomsk')
    const { id, applicant } = await candidate(region, 'Отменённая', toRejected)
    const secretary = await region.actor('secretary')
    const appealId = await fileAppeal(applicant, id, { body: 'Прошу пересмотреть' }, [])
    const meeting = await createMeeting(secretary, region.commissionId, { heldAt: '2099-05-20T16:00', place: 'г. Томск', agenda: '' })
    await addMotion(secretary, meeting, 'appeal', appealId)
    const cookie = await cookieFor(applicant)
    const view = () => renderRoute(page, `http://localhost/applications/${id}`, { Cookie: cookie }, '/applications/:id')
    const on = await view()
    expect(on).toContain('Включена в повестку заседания')
    expect(on).toContain('20.05.2099')
    expect(on).not.toContain('Отозвать апелляцию')

    await deleteMeeting(secretary, meeting)
    const after = await view()
    expect(after).toContain('Подана, ждёт заседания комиссии')
    expect(after).not.toContain('20.05.2099')
    expect(after).toContain('Отозвать апелляцию')
  })
})

/** Refused: 403 to one who may read the application, 404 (as for none) to one who may not. */
const refusalFor = async (actor: Actor, id: number) => (canReadApplication(actor, (await applicationById(id))!) ? 403 : 404)

describe('who may file an appeal (role × action)', () => {
  const roles: Role[] = ['applicant', 'municipalCoordinator', 'secretary', 'commissionMember', 'chair', 'ministryOfficer', 'regionalCoordinator', 'admin']
  it.each(roles)('%s on a teacher’s own application, on a nominated one, and in another region', async (role) => {
    const region = await makeRegion('tomsk')
    const other = await makeRegion('tomsk')
    const own = await candidate(region, 'Собственная', toRejected)
    const municipal = await region.actor('municipalCoordinator')
    const nominatedId = await nominated(region, municipal)
    const actor = role === 'applicant' ? own.applicant : await region.actor(role)
    const elsewhere = role === 'applicant' ? own.applicant : await other.actor(role)
    const foreign = await candidate(other, 'Чужая', toRejected)

    const ownResult = statusOf((await fileAs(actor, own.id, 'Доводы')) as Response)
    expect(ownResult, 'own application').toBe(role === 'applicant' ? 302 : await refusalFor(actor, own.id))
    // the municipal coordinator of the nominating municipality, for a candidate without an account
    const actorForNominated = role === 'municipalCoordinator' ? municipal : actor
    expect(statusOf((await fileAs(actorForNominated, nominatedId, 'Доводы')) as Response), 'nominated').toBe(
      role === 'municipalCoordinator' ? 302 : await refusalFor(actorForNominated, nominatedId),
    )
    // staff of another region on its own candidate (who read it, 403), and another applicant (as if it did not exist, 404)
    expect(statusOf((await fileAs(elsewhere, foreign.id, 'Доводы')) as Response), 'another region or applicant').toBe(await refusalFor(elsewhere, foreign.id))
    expect(await appealsOf(foreign.id)).toEqual([])
  })
})

describe('who may download an appeal’s documents', () => {
  const download = async (actor: Actor, applicationId: number, evidenceId: number) => {
    const request = new Request(`http://localhost/applications/${applicationId}/evidence/${evidenceId}`, { headers: { Cookie: await cookieFor(actor) } })
    const res = await downloadLoader({ request, params: { id: String(applicationId), evidenceId: String(evidenceId) }, context: ctx }).catch((e) => e)
    return (res as Response).status
  }
  const documentOf = async (appealId: number) =>
    (await db()<{ id: number }[]>`select id::int from evidence where appeal_id = ${appealId}`)[0].id

  it('follows the appeal: on a nomination, any coordinator of the municipality, not only the nominator; the commission by its rules', async () => {
    const region = await makeRegion('tomsk')
    const nominator = await region.actor('municipalCoordinator')
    const colleague = await region.actor('municipalCoordinator')
    const id = await nominated(region, nominator)
    const appealId = await fileAppeal(colleague, id, { body: 'Доводы' }, [{ field: 'appealFiles', fileName: 'диплом.pdf', bytes: PDF }])
    const doc = await documentOf(appealId)
    expect(await download(colleague, id, doc), 'the appellant').toBe(200)
    expect(await download(nominator, id, doc), 'the nominator').toBe(200)
    expect(await download(await region.actor('municipalCoordinator'), id, doc), 'another coordinator of the municipality').toBe(200)
    expect(await download(await region.actor('secretary'), id, doc), 'the secretary').toBe(200)
    expect(await download(await region.actor('regionalCoordinator'), id, doc), 'the region’s coordinator').toBe(200)
    const neighbour = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[1].id })
    // those who may not open the application are answered as if it did not exist
    expect(await download(neighbour, id, doc), 'another municipality').toBe(404)
    expect(await download(await region.actor('applicant'), id, doc), 'a stranger').toBe(404)
  })

  it('on a teacher’s own application: the applicant, not the municipality that can see the application', async () => {
    const region = await makeRegion('tomsk')
    const { id, applicant } = await candidate(region, 'Самостоятельная', toRejected)
    const doc = await documentOf(await fileAppeal(applicant, id, { body: 'Доводы' }, [{ field: 'appealFiles', fileName: 'скан.pdf', bytes: PDF }]))
    expect(await download(applicant, id, doc)).toBe(200)
    const municipal = await region.actor('municipalCoordinator')
    expect(await download(municipal, id, doc)).toBe(403)
    // the page names the document to whoever sees the appeal, with a link only for those who may open it
    const pageOf = async (actor: Actor) => renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(actor) }, '/applications/:id')
    const link = `href="/applications/${id}/evidence/${doc}"`
    const [theirs, municipality] = [await pageOf(applicant), await pageOf(municipal)]
    expect([theirs.includes(link), municipality.includes(link), municipality.includes('скан.pdf')]).toEqual([true, false, true])
    expect(await download(await region.actor('secretary'), id, doc)).toBe(200)
  })
})

describe('the secretary’s list of appeals', () => {
  it('is paged 50 at a time, oldest first, with «N of M»; another commission’s secretary sees none of them', async () => {
    const region = await makeRegion('tomsk')
    const secretary = await region.actor('secretary')
    const ids: number[] = []
    for (let i = 0; i < 51; i++) {
      const c = await candidate(region, `Обжалующая${i}`, toRejected)
      ids.push(await fileAppeal(c.applicant, c.id, { body: 'Доводы' }, []))
    }
    type Data = { page: { rows: { id: number }[]; total: number; from: number }; next: string | null }
    const first = (await get<Data>(list.loader, secretary, '/commission/appeals')) as Data
    expect(first.page.rows.map((r) => r.id)).toEqual(ids.slice(0, 50))
    expect([first.page.total, first.page.from]).toEqual([51, 1])
    const second = (await get<Data>(list.loader, secretary, first.next!)) as Data
    expect(second.page.rows.map((r) => r.id)).toEqual([ids[50]])
    expect([second.page.from, second.next]).toEqual([51, null])
    const html = await renderRoute(list, `http://localhost${first.next!}`, { Cookie: await cookieFor(secretary) }, '/commission/appeals')
    expect(html).toContain('Показан 51 из 51')
    const stranger = await (await makeRegion('tomsk')).actor('secretary')
    expect(((await get<Data>(list.loader, stranger, '/commission/appeals')) as Data).page.rows).toEqual([])
    // a commission member (no meeting:manage) has no such list
    expect(statusOf((await get(list.loader, await region.actor('commissionMember'), '/commission/appeals')) as Response)).toBe(403)
  })
})
