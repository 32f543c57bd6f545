import { describe, expect, it } from 'vitest'
import * as page from '../app/routes/applications.$id/route'
import * as newEvidence from '../app/routes/applications.$id_.evidence.new'
import { submitApplication } from '../app/domain/applications.server'
import { applicationView } from '../app/domain/application-view.server'
import { db } from '../db/client.server'
import { forceApplicationState, makeApplication, makeRegion, strongFacts } from './fixtures'
import { renderRoute } from './render'
import { replyOf } from './support/form'
import { cookieFor, routeContext } from './support/session'
import type { Actor } from '~/model/permissions'

// The application page as each side uses it: refusals in domain words, the
// request for information and its reply as one thread, confirmation before
// withdrawal. Driven the way Remix drives it: a Request in, a Response out.

const ctx = routeContext()
const sql = () => db()
const machineIds = /\b[A-Z][A-Z_]{2,}\b|screening|inReview|needsInformation|draft/

async function act(who: Actor, id: number, fields: Record<string, string>, files: File[] = []) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  for (const f of files) body.append('files', f)
  const request = new Request(`http://localhost/applications/${id}`, { method: 'POST', body, headers: { Cookie: await cookieFor(who) } })
  return page.action({ request, params: { id: String(id) }, context: ctx }).catch((e) => e)
}

async function view(who: Actor, id: number) {
  const request = new Request(`http://localhost/applications/${id}`, { headers: { Cookie: await cookieFor(who) } })
  return page.loader({ request, params: { id: String(id) }, context: ctx })
}

const rowVersion = async (id: number) => String((await sql()`select row_version from applications where id = ${id}`)[0].row_version)
const stateOf = async (id: number) => (await sql()`select state from applications where id = ${id}`)[0].state as string

const png = (name = 'scan.png') => {
  const bytes = new Uint8Array(100)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return new File([bytes], name)
}

async function screened() {
  const region = await makeRegion()
  const applicant = await region.actor('applicant')
  const secretary = await region.actor('secretary')
  const id = await makeApplication(region, applicant, strongFacts(false))
  await submitApplication(id, applicant)
  return { region, applicant, secretary, id }
}

describe('admitting before the claims are verified', () => {
  it('the button is disabled with the reason in domain words, and pressing it anyway is refused in the same words', async () => {
    const { secretary, id } = await screened()
    const d = await view(secretary, id)
    const admit = d.plainEvents.find((e) => e.intent === 'admit')!
    expect(admit.blocked).toBe(
      'Нельзя допустить к рассмотрению комиссией: не подтверждены сведения: квалификационная категория, уровень образования, педагогическое образование, стаж по специальности, победа в профессиональном конкурсе.',
    )

    const html = await renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(secretary) }, '/applications/:id')
    const button = /<button[^>]*aria-describedby="([^"]+)"[^>]*>Допустить к рассмотрению комиссией<\/button>/.exec(html)
    expect(button, 'the admit button names its reason').not.toBeNull()
    expect(button![0]).toContain('disabled')
    expect(html).toContain(`id="${button![1]}"`)
    expect(html).toContain('не подтверждены сведения: квалификационная категория')

    const res = replyOf(await act(secretary, id, { intent: 'admit', rowVersion: await rowVersion(id) }))
    expect(res.status).toBe(409)
    expect(res.code).toBe('NOT_ELIGIBLE_YET')
    expect(res.message).toBe(admit.blocked)
    expect(res.message).not.toMatch(machineIds)
    expect(await stateOf(id)).toBe('screening')
  })

  it('a refusal by the machine itself names the stage in Russian, never the state id', async () => {
    const { applicant, id } = await screened()
    // a stale page: the applicant still sees «Подать заявление» after submitting
    const res = replyOf(await act(applicant, id, { intent: 'submit', rowVersion: await rowVersion(id) }))
    expect(res.status).toBe(409)
    expect(res.message).toBe('Нельзя подать заявление: заявление сейчас на этапе «Проверка документов».')
    expect(res.message).not.toMatch(machineIds)
  })
})

describe('submitting into a closed campaign', () => {
  it('shows «Подать заявление» disabled with the reason instead of a refusal after the press', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const id = await makeApplication(region, applicant)
    expect((await view(applicant, id)).plainEvents).toEqual([{ intent: 'submit', blocked: null }])
    await sql()`update campaigns set state = 'closed' where id = ${region.campaignId}`
    expect((await view(applicant, id)).plainEvents).toEqual([{ intent: 'submit', blocked: 'Приём заявлений в этот отбор не ведётся.' }])
  })
})

describe('a request for information and its reply', () => {
  it('reaches the applicant at the top of the page and by e-mail, with the text and the deadline; the reply with documents returns it to screening', async () => {
    const { applicant, secretary, id } = await screened()
    const replyBy = `${new Date().getFullYear() + 1}-03-15`
    const asked = await act(secretary, id, { intent: 'requestInfo', rowVersion: await rowVersion(id), message: 'Приложите аттестационный лист.', replyBy })
    expect((asked as Response).status).toBe(302)
    expect(await stateOf(id)).toBe('needsInformation')
    const [mail] = await sql()`select template, recipient_user_id::int as "to", payload from outbox where entity = 'application' and entity_id = ${id} and template = 'informationRequested'`
    expect(mail).toMatchObject({ to: applicant.userId, payload: { reason: 'Приложите аттестационный лист.', replyBy } })

    const mine = await view(applicant, id)
    expect(mine.openRequest).toMatchObject({ message: 'Приложите аттестационный лист.', replyBy, requestedByName: null })
    expect(mine.canReply).toBe(true)
    expect(mine.openRequest!.overdue).toBe(false)
    // the day after the last one, in the region's zone, the page says the time is up
    const late = await applicationView(applicant, id, new Date(`${replyBy}T23:30:00Z`))
    expect(late.openRequest!.overdue).toBe(true)
    const html = await renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(applicant) }, '/applications/:id')
    expect(html.indexOf('Комиссия запросила сведения')).toBeLessThan(html.indexOf('Действия'))
    expect(html).toContain(`Ответить до 15.03.${new Date().getFullYear() + 1} включительно`)
    expect(html).toContain('Приложите аттестационный лист.')
    expect(html).not.toContain('>Сведения представлены</button>')

    // a document that is not what it claims to be: nothing is written, the request stays open
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 1, 2, 3])], 'list.pdf')
    const bad = replyOf(await act(applicant, id, { intent: 'reply', rowVersion: await rowVersion(id), reply: 'Прилагаю', fact: 'qualificationCategory' }, [png(), exe]))
    expect(bad.status).toBe(400)
    expect(bad.fields.files).toMatch(/PDF, JPEG или PNG/)
    expect(await stateOf(id)).toBe('needsInformation')
    expect((await sql()`select count(*)::int as n from evidence where application_id = ${id}`)[0].n).toBe(0)

    const ok = await act(applicant, id, { intent: 'reply', rowVersion: await rowVersion(id), reply: 'Прилагаю аттестационный лист.', fact: 'qualificationCategory' }, [png()])
    expect((ok as Response).status).toBe(302)
    expect(await stateOf(id)).toBe('screening')
    const [provided] = await sql()`select recipient_user_id::int as "to" from outbox where entity = 'application' and entity_id = ${id} and template = 'informationProvided'`
    expect(provided.to).toBe(secretary.userId)

    // both sides read the same thread
    for (const who of [secretary, applicant]) {
      const d = await view(who, id)
      expect(d.openRequest).toBeNull()
      expect(d.thread).toHaveLength(1)
      expect(d.thread[0]).toMatchObject({ message: 'Приложите аттестационный лист.', reply: 'Прилагаю аттестационный лист.' })
      expect(d.thread[0].documents.map((e) => e.fileName)).toEqual(['scan.png'])
    }
    expect((await view(secretary, id)).thread[0].requestedByName).toBe('secretary')
  })

  it('refuses a deadline already past, and a reply with neither text nor documents', async () => {
    const { applicant, secretary, id } = await screened()
    const past = replyOf(await act(secretary, id, { intent: 'requestInfo', rowVersion: await rowVersion(id), message: 'Нужен диплом.', replyBy: '2020-01-01' }))
    expect(past.status).toBe(400)
    expect(past.fields.replyBy).toMatch(/^Срок ответа не может быть раньше сегодняшнего дня/)
    expect(await stateOf(id)).toBe('screening')

    await act(secretary, id, { intent: 'requestInfo', rowVersion: await rowVersion(id), message: 'Нужен диплом.', replyBy: '' })
    const empty = replyOf(await act(applicant, id, { intent: 'reply', rowVersion: await rowVersion(id), reply: '  ', fact: '' }))
    expect(empty.status).toBe(400)
    expect(empty.fields.reply).toBe('Напишите ответ или приложите документ.')
    expect(await stateOf(id)).toBe('needsInformation')
  })
})

describe('a request the machine holds without a row of its own (demo data, requests before migration 0012)', () => {
  it('is shown from the machine and answered like any other, keeping its text', async () => {
    const { applicant, id } = await screened()
    await forceApplicationState(id, [
      { type: 'SUBMIT' },
      { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] },
      { type: 'REQUEST_INFO', message: 'Приложите копию аттестационного листа.' },
    ])
    expect((await view(applicant, id)).openRequest).toMatchObject({ message: 'Приложите копию аттестационного листа.' })
    const ok = await act(applicant, id, { intent: 'reply', rowVersion: await rowVersion(id), reply: 'Прилагаю.', fact: 'qualificationCategory' }, [png()])
    expect((ok as Response).status).toBe(302)
    const d = await view(applicant, id)
    expect(d.thread).toHaveLength(1)
    expect(d.thread[0]).toMatchObject({ message: 'Приложите копию аттестационного листа.', reply: 'Прилагаю.' })
    // the history reads in the order things happened: the document, then the answer
    const actions = d.timeline.map((t) => t.action)
    expect(actions.slice(-2)).toEqual(['UPLOAD_EVIDENCE', 'PROVIDE_INFO'])
  })
})

describe('withdrawing', () => {
  it('asks for confirmation first (works without JavaScript), then withdraws', async () => {
    const { applicant, id } = await screened()
    const html = await renderRoute(page, `http://localhost/applications/${id}?confirm=withdraw`, { Cookie: await cookieFor(applicant) }, '/applications/:id')
    expect(html).toContain('Отозвать заявление? Вернуть его будет нельзя')
    expect(html).toContain('name="confirmed" value="yes"')

    const first = replyOf(await act(applicant, id, { intent: 'withdraw', rowVersion: await rowVersion(id) }))
    expect(first.status).toBe(400)
    expect(first.fields.confirmed).toBe('Подтвердите действие: оно необратимо.')
    expect(await stateOf(id)).toBe('screening')

    const done = await act(applicant, id, { intent: 'withdraw', rowVersion: await rowVersion(id), confirmed: 'yes' })
    expect((done as Response).status).toBe(302)
    expect(await stateOf(id)).toBe('withdrawn')
  })

  it('leaves the applicant a way to apply again while the intake is open, and none after it closes', async () => {
    const { region, applicant, secretary, id } = await screened()
    await act(applicant, id, { intent: 'withdraw', rowVersion: await rowVersion(id), confirmed: 'yes' })
    const open = await renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(applicant) }, '/applications/:id')
    expect(open).toContain(`href="/apply/${region.campaignId}"`)
    expect(open).toContain('Подать новое заявление')
    expect(open).not.toContain('Сейчас действий для вас нет.')
    // staff reading the withdrawn application are not offered to apply
    expect((await view(secretary, id)).reapplyCampaignId).toBeNull()

    await sql()`update campaigns set state = 'closed' where id = ${region.campaignId}`
    const closed = await renderRoute(page, `http://localhost/applications/${id}`, { Cookie: await cookieFor(applicant) }, '/applications/:id')
    expect(closed).not.toContain(`href="/apply/${region.campaignId}"`)
    expect(closed).toContain('Сейчас действий для вас нет.')
  })
})

describe('the role table on the server', () => {
  it('refuses a forged request of a commission member with 403, also in the earlier `event=` form scripts send', async () => {
    const { region, id } = await screened()
    const member = await region.actor('commissionMember')
    for (const fields of [{ intent: 'admit' }, { event: 'SEND_TO_MINISTRY' }] as Record<string, string>[]) {
      const res = replyOf(await act(member, id, fields))
      expect(res.status).toBe(403)
      expect(res.message).toBe('Недостаточно прав для этого действия.')
    }
    expect(await stateOf(id)).toBe('screening')
  })
})

describe('adding a document to a draft', () => {
  it('answers a file over 5 MB with the Russian message next to the file field', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const id = await makeApplication(region, applicant)
    const body = new FormData()
    body.append('fact', 'contestWinner')
    body.append('file', new File([new Uint8Array(5 * 1024 * 1024 + 10)], 'big.pdf'))
    const request = new Request(`http://localhost/applications/${id}/evidence/new`, { method: 'POST', body, headers: { Cookie: await cookieFor(applicant) } })
    const res = replyOf(await newEvidence.action({ request, params: { id: String(id) }, context: ctx }))
    expect(res).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE', fields: { file: 'Файл больше 5 МБ. Уменьшите его или разделите на части.' } })
    expect((await sql()`select count(*)::int as n from evidence where application_id = ${id}`)[0].n).toBe(0)
  })
})
