import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyApplicationEvent } from '../app/domain/application-view.server'
import { parseWithZod } from '@conform-to/zod/v4'
import { applicationFormLists, saveApplicationForm, type FormTarget } from '../app/domain/application-form.server'
import { applicationSchema, evidenceMessages } from '~/model/inputs/application'
import type { Actor } from '~/model/permissions'
// one page module serves /apply, /nominate and /applications/:id/edit; the URL picks the mode
import {
  action as applyAction,
  action as editAction,
  action as nominateAction,
  loader as applyLoader,
  loader as editLoader,
  loader as nominateLoader,
} from '../app/pages/application-form'
import { loader as downloadLoader } from '../app/routes/applications.$id_.evidence.$evidenceId'
import { action as newEvidenceAction } from '../app/routes/applications.$id_.evidence.new'
import { loader as campaignsLoader } from '../app/routes/campaigns._index'
import { action as registerAction } from '../app/routes/register'
import { db } from '../db/client.server'
import { groupsOf } from '../db/queries/directions.server'
import { ensureOrganisation } from '../db/queries/organisations.server'
import { grantsOf, userByLogin } from '../db/queries/users.server'
import { applicationMachine } from '../workflows/application.machine'
import { rowAfter } from '../workflows/snapshot'
import { activeApplicationStates } from '../db/queries/applications.server'
import { forceApplicationState, makeRegion } from './fixtures'
import { renderRoute } from './render'
import * as applicationFormPage from '../app/pages/application-form'
import * as myConsentPage from '../app/routes/my.consent'
import { replyOf } from './support/form'
import { cookieFor, routeContext } from './support/session'

// The applicant's and the municipal coordinator's screens, driven the way
// Remix drives them: a Request (multipart for the form) in, a Response out.

const ctx = routeContext()
const sql = () => db()

type Region = Awaited<ReturnType<typeof makeRegion>>

const pdf = (size = 2048) => {
  const bytes = new Uint8Array(size).fill(0x20)
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'))
  return bytes
}
const exeBytes = () => {
  const bytes = new Uint8Array(4096)
  bytes.set([0x4d, 0x5a, 0x90, 0x00]) // "MZ": a Windows executable
  return bytes
}

async function register(region: Region, overrides: Record<string, string> = {}) {
  const login = `teacher.${randomUUID()}@school.test`
  const body = new URLSearchParams({
    login,
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    regionId: String(region.regionId),
    password: 'длинный-пароль-1',
    passwordConfirm: 'длинный-пароль-1',
    ...overrides,
  })
  // each registration from its own address: registrations are limited per address
  const context = { ...ctx, clientAddress: `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` }
  const res = await registerAction({ request: new Request('http://localhost/register', { method: 'POST', body }), params: {}, context })
  return { login: overrides.login ?? login, res }
}

async function registered(region: Region) {
  const { login, res } = await register(region)
  const r = res as Response
  expect(r.status).toBe(302)
  expect(r.headers.get('Location')).toBe('/campaigns')
  const cookie = r.headers.get('Set-Cookie')!.split(';')[0]
  const user = (await userByLogin(login))!
  // as if the link in the confirmation mail was followed (test/email-confirmation.test.ts covers that path)
  await sql()`update users set email_confirmed_at = now() where id = ${user.id}`
  const actor: Actor = { userId: user.id, grants: await grantsOf(user.id) }
  return { login, cookie, user, actor }
}


async function formFor(region: Region, extra: Record<string, string | string[]> = {}, files: Record<string, File> = {}) {
  const [group] = await groupsOf(region.regionId)
  const fd = new FormData()
  const fields: Record<string, string | string[]> = {
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    phone: '+7 913 000-11-22',
    birthDate: '1985-04-12',
    workEmail: 'petrova@school.test',
    municipalityId: String(region.municipalities[0].id),
    organisationId: '',
    newOrganisation: `МАОУ СОШ № ${Math.floor(Math.random() * 100000)}`,
    position: 'учитель математики',
    educationLevel: 'higher',
    educationPedagogical: 'on',
    qualificationCategory: 'highest',
    experienceYears: '12,5',
    subjects: ['Математика', 'Информатика'],
    groupId: String(group.id),
    claims: ['contestWinner', 'giaCommission'],
    processingConsent: 'on',
    dissemination: ['fullName', 'workplace', 'subjects'],
    ...extra,
  }
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
  for (const [k, f] of Object.entries(files)) fd.append(k, f)
  return fd
}

function post(url: string, cookie: string, body: FormData) {
  return new Request(`http://localhost${url}`, { method: 'POST', body, headers: { Cookie: cookie } })
}

/** The form as the action hands it to the domain: parsed with the shared schema. */
async function parsedForm(actor: Actor, target: FormTarget, fd: FormData) {
  const submission = parseWithZod(fd, { schema: applicationSchema(await applicationFormLists(actor, target)), disableAutoCoercion: true })
  if (submission.status !== 'success') throw new Error(`invalid form: ${JSON.stringify(submission.error)}`)
  return submission.value
}

async function apply(region: Region, cookie: string, fd: FormData) {
  return applyAction({ request: post(`/apply/${region.campaignId}`, cookie, fd), params: { campaignId: String(region.campaignId) }, context: ctx }).catch((e) => e)
}

const countApplications = async (campaignId: number) =>
  (await sql()<{ n: number }[]>`select count(*)::int as n from applications where campaign_id = ${campaignId}`)[0].n

describe('registration', () => {
  it('creates a person of the chosen region and an applicant, signs them in and goes to the open campaigns', async () => {
    const region = await makeRegion()
    const { user, actor, cookie } = await registered(region)
    expect(actor.grants.map((g) => g.role)).toEqual(['applicant'])
    const [person] = await sql()`select region_id::int as "regionId", last_name, first_name, middle_name from people where id = ${user.personId}`
    expect(person).toMatchObject({ regionId: region.regionId, last_name: 'Петрова', first_name: 'Анна', middle_name: 'Сергеевна' })

    const list = await campaignsLoader({ request: new Request('http://localhost/campaigns', { headers: { Cookie: cookie } }), params: {}, context: ctx })
    const mine = list.campaigns.find((c) => c.id === region.campaignId)!
    expect(mine).toMatchObject({ canApply: true, canNominate: false })
  })

  it('refuses a taken e-mail and a short or mismatched password with Russian field errors', async () => {
    const region = await makeRegion()
    const { login } = await registered(region)
    const again = replyOf((await register(region, { login: login.toUpperCase() })).res)
    expect(again.status).toBe(409)
    expect(again.code).toBe('LOGIN_TAKEN')
    expect(again.message).toMatch(/уже есть/)

    const bad = replyOf((await register(region, { password: 'короткий', passwordConfirm: 'другой' })).res)
    expect(bad.status).toBe(400)
    expect(bad.fields.password).toBe('Пароль должен быть не короче 10 символов')
    expect(bad.fields.passwordConfirm).toBe('Пароли не совпадают')
    const mismatch = replyOf((await register(region, { password: 'длинный-пароль-1', passwordConfirm: 'другой-пароль-2' })).res)
    expect(mismatch.fields.passwordConfirm).toBe('Пароли не совпадают')
    expect(JSON.stringify(mismatch.values)).not.toContain('длинный-пароль-1')
  })
})

describe('self-nomination', () => {
  it('register → apply with a PDF → draft with facts, evidence and consents → submit → screening, unverified', async () => {
    const region = await makeRegion()
    const { cookie, actor, user } = await registered(region)

    const form = await applyLoader({ request: new Request(`http://localhost/apply/${region.campaignId}`, { headers: { Cookie: cookie } }), params: { campaignId: String(region.campaignId) }, context: ctx })
    expect(form.defaults.dissemination).toEqual([]) // nothing pre-ticked
    expect(form.defaults.processingConsent).toBe('')
    expect(form.criteria.map((c) => c.fact)).toContain('contestWinner')

    const fd = await formFor(region, {}, { evidence_contestWinner: new File([pdf()], 'Диплом победителя.pdf', { type: 'application/pdf' }) })
    const res = (await apply(region, cookie, fd)) as Response
    expect(res.status).toBe(302)
    const id = Number(res.headers.get('Location')!.split('/').pop())

    const [app] = await sql()`
      select a.state, a.source, a.person_id::int as "personId", a.applicant_user_id::int as "owner", a.group_id, a.facts,
             p.work_email, p.subjects, o.name as org, o.municipality_id::int as "orgMunicipality", pp.phone, to_char(pp.birth_date, 'YYYY-MM-DD') as birth
      from applications a join people p on p.id = a.person_id left join organisations o on o.id = p.organisation_id
      left join person_private pp on pp.person_id = p.id where a.id = ${id}`
    expect(app).toMatchObject({ state: 'draft', source: 'self', personId: user.personId, owner: user.id, work_email: 'petrova@school.test', phone: '+7 913 000-11-22', birth: '1985-04-12' })
    expect(app.orgMunicipality).toBe(region.municipalities[0].id)
    expect(app.subjects).toEqual(['Математика', 'Информатика'])
    expect(app.facts).toEqual({
      qualificationCategory: { value: 'highest', verified: false, source: 'self' },
      educationLevel: { value: 'higher', verified: false, source: 'self' },
      educationPedagogical: { value: true, verified: false, source: 'self' },
      experienceYears: { value: 12.5, verified: false, source: 'self' },
      contestWinner: { value: true, verified: false, source: 'self' },
      giaCommission: { value: true, verified: false, source: 'self' },
    })

    const evidence = await sql()`select fact, file_name, mime_type, size_bytes, length(content)::int as len from evidence where application_id = ${id}`
    expect(evidence).toEqual([{ fact: 'contestWinner', file_name: 'Диплом победителя.pdf', mime_type: 'application/pdf', size_bytes: 2048, len: 2048 }])

    const consents = await sql()`select purpose, fields from consents where person_id = ${user.personId} order by purpose`
    expect(consents).toEqual([
      { purpose: 'dissemination', fields: ['fullName', 'workplace', 'subjects'] },
      { purpose: 'processing', fields: [] },
    ])
    const audit = await sql()`select action from audit_events where entity = 'consent' and data->>'personId' = ${String(user.personId)} order by id`
    expect(audit.map((a) => a.action)).toEqual(['CONSENT_GIVEN', 'CONSENT_GIVEN'])
    const appAudit = await sql()`select action from audit_events where entity = 'application' and entity_id = ${id} order by id`
    expect(appAudit.map((a) => a.action)).toEqual(['CREATE', 'UPLOAD_EVIDENCE'])

    const [{ row_version }] = await sql()`select row_version from applications where id = ${id}`
    const result = await applyApplicationEvent(actor, id, { event: 'SUBMIT' }, row_version)
    expect(result.to).toBe('screening')
    const [after] = await sql()`select state, eligibility->>'outcome' as outcome from applications where id = ${id}`
    expect(after).toEqual({ state: 'screening', outcome: 'unverified' })
  })

  it('the form page names the campaign and its last day in the region\'s time zone, and pre-fills nothing the person did not give', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    await sql()`update campaigns set title = 'Отбор 2026/2027', closes_on = '2099-12-20' where id = ${region.campaignId}`
    await sql()`update regions set time_zone = 'Asia/Tomsk' where id = ${region.regionId}`
    const html = await renderRoute(applicationFormPage, `http://localhost/apply/${region.campaignId}`, { Cookie: cookie }, 'apply/:campaignId')
    expect(html).toContain('Отбор 2026/2027')
    expect(html).toContain('20.12.2099 включительно, до 24:00 по местному времени региона (UTC+7)')
    // the inputs keep their field names as ids (the error summary and the labels point at them)
    expect(html).toMatch(/<input[^>]*id="position"[^>]*>/)
    expect(html).not.toMatch(/<input[^>]*id="position"[^>]*value="[^"]+"/)
    expect(html).not.toMatch(/type="checkbox"[^>]*name="dissemination"[^>]*checked/)
  })

  it('without JavaScript the organisations come grouped by municipality; a nomination offers only its municipality\'s', async () => {
    const region = await makeRegion()
    const [a, b] = region.municipalities
    await ensureOrganisation({ regionId: region.regionId, municipalityId: a.id, name: 'Школа Альфа' })
    await ensureOrganisation({ regionId: region.regionId, municipalityId: b.id, name: 'Школа Бета' })
    const { cookie } = await registered(region)
    const html = await renderRoute(applicationFormPage, `http://localhost/apply/${region.campaignId}`, { Cookie: cookie }, 'apply/:campaignId')
    const select = /<select[^>]*id="organisationId"[\s\S]*?<\/select>/.exec(html)![0]
    const groupOf = (org: string) => [...select.matchAll(/<optgroup label="([^"]+)">([\s\S]*?)<\/optgroup>/g)].find((g) => g[2].includes(org))?.[1]
    expect(groupOf('Школа Альфа')).toBe(a.name)
    expect(groupOf('Школа Бета')).toBe(b.name)
    expect(html).toContain('Организации сгруппированы по муниципалитетам')

    const coordinator = await region.actor('municipalCoordinator', { municipalityId: b.id })
    const nominate = await renderRoute(applicationFormPage, `http://localhost/nominate/${region.campaignId}`, { Cookie: await cookieFor(coordinator) }, 'nominate/:campaignId')
    const nominateSelect = /<select[^>]*id="organisationId"[\s\S]*?<\/select>/.exec(nominate)![0]
    expect(nominateSelect).toContain('Школа Бета')
    expect(nominateSelect).not.toContain('Школа Альфа')
    expect(nominate).not.toContain('Организации сгруппированы по муниципалитетам')
  })

  it('refuses an .exe renamed .pdf and writes nothing', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const fd = await formFor(region, {}, { evidence_contestWinner: new File([exeBytes()], 'diploma.pdf', { type: 'application/pdf' }) })
    const res = replyOf(await apply(region, cookie, fd))
    expect(res.status).toBe(400)
    expect(res.fields.evidence_contestWinner).toBe(evidenceMessages.mismatch)
    expect(await countApplications(region.campaignId)).toBe(0)
  })

  it('refuses a 6 MB file with a Russian field error and writes nothing', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const fd = await formFor(region, {}, { evidence_giaCommission: new File([pdf(6 * 1024 * 1024)], 'big.pdf', { type: 'application/pdf' }) })
    const res = replyOf(await apply(region, cookie, fd))
    expect(res.status).toBe(413)
    expect(res.code).toBe('FILE_TOO_LARGE')
    expect(res.fields.evidence_giaCommission).toBe(evidenceMessages.tooLarge)
    expect(await countApplications(region.campaignId)).toBe(0)
  })

  it('writes nothing when validation fails, and says what is wrong in Russian', async () => {
    const region = await makeRegion()
    const { cookie, user } = await registered(region)
    const orgName = `Школа-${randomUUID()}`
    const fd = await formFor(
      region,
      { processingConsent: '', experienceYears: 'двенадцать', qualificationCategory: '', newOrganisation: orgName },
      { evidence_contestWinner: new File([pdf()], 'ok.pdf', { type: 'application/pdf' }) },
    )
    const res = replyOf(await apply(region, cookie, fd))
    expect(res.status).toBe(400)
    expect(res.code).toBe('INVALID_FORM')
    // JavaScript off: what was typed comes back with the errors
    expect(res.values).toMatchObject({ lastName: 'Петрова', experienceYears: 'двенадцать', newOrganisation: orgName })
    expect(res.fields).toMatchObject({
      processingConsent: 'Без согласия на обработку персональных данных заявление не может быть рассмотрено',
      experienceYears: 'Укажите стаж числом лет, например 12 или 7,5',
      qualificationCategory: 'Выберите квалификационную категорию',
    })
    expect(res.fields.evidence_contestWinner).toBeUndefined() // the file itself was fine
    // ...but it was not kept either: the page names it to be chosen again (a page without JavaScript comes back with empty file inputs)
    expect(res.filesNotSaved).toEqual(['ok.pdf'])
    expect(await countApplications(region.campaignId)).toBe(0)
    const [{ n }] = await sql()`select count(*)::int as n from consents where person_id = ${user.personId}`
    expect(n).toBe(0)
    const [{ orgs }] = await sql()`select count(*)::int as orgs from organisations where name = ${orgName}`
    expect(orgs).toBe(0)
    const [person] = await sql()`select position from people where id = ${user.personId}`
    expect(person.position).toBe('') // the person was not touched either
  })

  it('an applicant account without a person (made by an operator) gets the application\'s person', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const id = await saveApplicationForm(applicant, { mode: 'self', campaignId: region.campaignId }, await parsedForm(applicant, { mode: 'self', campaignId: region.campaignId }, await formFor(region)), [])
    const [row] = await sql()`select a.person_id::int as "personId", u.person_id::int as "userPerson" from applications a, users u where a.id = ${id} and u.id = ${applicant.userId}`
    expect(row.userPerson).toBe(row.personId)
  })

  it('stores no dissemination consent when no field is ticked', async () => {
    const region = await makeRegion()
    const { cookie, user } = await registered(region)
    const res = (await apply(region, cookie, await formFor(region, { dissemination: [] }))) as Response
    expect(res.status).toBe(302)
    const consents = await sql()`select purpose from consents where person_id = ${user.personId}`
    expect(consents.map((c) => c.purpose)).toEqual(['processing'])
  })

  it('edits a draft with the row version it saw; others cannot', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const res = (await apply(region, cookie, await formFor(region))) as Response
    const id = Number(res.headers.get('Location')!.split('/').pop())

    const view = await editLoader({ request: new Request(`http://localhost/applications/${id}/edit`, { headers: { Cookie: cookie } }), params: { id: String(id) }, context: ctx })
    expect(view.defaults).toMatchObject({ position: 'учитель математики', experienceYears: '12,5', processingConsent: 'on' })
    expect([...view.defaults.claims].sort()).toEqual(['contestWinner', 'giaCommission'])
    expect(view.defaults.dissemination).toEqual(['fullName', 'workplace', 'subjects'])

    const fd = await formFor(region, { position: 'заместитель директора', claims: ['contestWinner'], dissemination: [], rowVersion: String(view.rowVersion) })
    const ok = (await editAction({ request: post(`/applications/${id}/edit`, cookie, fd), params: { id: String(id) }, context: ctx })) as Response
    expect(ok.status).toBe(302)
    const [app] = await sql()`select a.facts, p.position, a.row_version from applications a join people p on p.id = a.person_id where a.id = ${id}`
    expect(app.position).toBe('заместитель директора')
    expect(Object.keys(app.facts)).not.toContain('giaCommission')
    expect(app.row_version).toBe(view.rowVersion! + 1)
    // unticking every field withdraws the dissemination consent given before
    const [{ n }] = await sql()`select count(*)::int as n from consents c join applications a on a.person_id = c.person_id
      where a.id = ${id} and c.purpose = 'dissemination' and c.withdrawn_at is null and c.superseded_at is null`
    expect(n).toBe(0)

    const stale = replyOf(
      await editAction({
        request: post(`/applications/${id}/edit`, cookie, await formFor(region, { rowVersion: String(view.rowVersion) })),
        params: { id: String(id) },
        context: ctx,
      }),
    )
    expect(stale.status).toBe(409)
    expect(stale.code).toBe('STALE_ROW')

    // someone else's draft: the page itself is refused, as its loader refuses it
    const other = await registered(region)
    const refused = await editAction({ request: post(`/applications/${id}/edit`, other.cookie, await formFor(region)), params: { id: String(id) }, context: ctx }).catch((e) => e)
    expect((refused as Response).status).toBe(403)
  })
})

describe('one active application per person per campaign', () => {
  const idOf = (res: Response) => Number(res.headers.get('Location')!.split('/').pop())

  it('refuses a second application with a message that links to the first, and the form page says so before anything is typed', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const first = (await apply(region, cookie, await formFor(region))) as Response
    expect(first.status).toBe(302)
    // the confirmation after saving comes as a flash on the application page
    expect(first.headers.get('Set-Cookie')).toMatch(/^rma_flash=/)
    const id = idOf(first)

    const again = replyOf(await apply(region, cookie, await formFor(region)))
    expect(again.status).toBe(409)
    expect(again.code).toBe('DUPLICATE_APPLICATION')
    expect(again.message).toBe(`У вас уже есть заявление на этот отбор: № ${id}.`)
    expect(again.link).toEqual({ href: `/applications/${id}`, label: `Открыть заявление № ${id}` })
    expect(await countApplications(region.campaignId)).toBe(1)

    const list = await campaignsLoader({ request: new Request('http://localhost/campaigns', { headers: { Cookie: cookie } }), params: {}, context: ctx })
    expect(list.campaigns.find((c) => c.id === region.campaignId)).toMatchObject({ canApply: false, myApplicationId: id })
    const page = await applyLoader({ request: new Request(`http://localhost/apply/${region.campaignId}`, { headers: { Cookie: cookie } }), params: { campaignId: String(region.campaignId) }, context: ctx })
    expect(page.existing).toBe(id)
    const html = await renderRoute(applicationFormPage, `http://localhost/apply/${region.campaignId}`, { Cookie: cookie }, 'apply/:campaignId')
    expect(html).toContain(`href="/applications/${id}"`)
    expect(html).not.toContain('name="lastName"')

    // once it is withdrawn, the person may apply again
    await forceApplicationState(id, [{ type: 'WITHDRAW' }])
    expect(((await apply(region, cookie, await formFor(region))) as Response).status).toBe(302)
    expect(await countApplications(region.campaignId)).toBe(2)
  })

  it('two submissions at once: exactly one is saved, the other gets the refusal', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const results = await Promise.all([apply(region, cookie, await formFor(region)), apply(region, cookie, await formFor(region))])
    const saved = results.filter((r) => r instanceof Response && r.status === 302) as Response[]
    expect(saved).toHaveLength(1)
    const refused = replyOf(results.find((r) => !(r instanceof Response)))
    expect(refused.code).toBe('DUPLICATE_APPLICATION')
    expect(refused.message).toBe(`У вас уже есть заявление на этот отбор: № ${idOf(saved[0])}.`)
    expect(await countApplications(region.campaignId)).toBe(1)
  })

  it('is the database\'s rule: a second active row of the same person is refused whatever inserts it', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const id = Number(((await apply(region, cookie, await formFor(region))) as Response).headers.get('Location')!.split('/').pop())
    const copy = () => sql()`
      insert into applications (campaign_id, region_id, municipality_id, person_id, applicant_user_id, source, facts, snapshot, state, machine_version)
      select campaign_id, region_id, municipality_id, person_id, applicant_user_id, source, facts, snapshot, state, machine_version
      from applications where id = ${id}`
    await expect(copy()).rejects.toMatchObject({ code: '23505', constraint_name: 'applications_one_active_per_person' })
    await forceApplicationState(id, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] }, { type: 'MARK_INELIGIBLE', reasons: ['стаж'] }])
    await copy() // the first one is final (ineligible): a new draft may exist beside it
    expect(await countApplications(region.campaignId)).toBe(2)
  })

  it('migration 0013 copes with duplicates already stored: the one furthest along stays, the others are withdrawn with an audit row', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const draft = idOf((await apply(region, cookie, await formFor(region))) as Response)
    const migration = readFileSync(new URL('../db/migrations/0013_one_active_application.sql', import.meta.url), 'utf8')
    class Rollback extends Error {}
    await sql()
      .begin(async (tx) => {
        // the database as it was before the migration, with a second active application of the same person
        await tx`drop index applications_one_active_per_person`
        const screening = rowAfter('application', [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] }])
        const [{ id: ahead }] = await tx<{ id: number }[]>`
          insert into applications (campaign_id, region_id, municipality_id, person_id, applicant_user_id, source, facts, snapshot, state, machine_version)
          select campaign_id, region_id, municipality_id, person_id, applicant_user_id, source, facts, ${tx.json(screening.snapshot as never)},
                 ${screening.state}, machine_version
          from applications where id = ${draft}
          returning id::int`
        await tx.unsafe(migration)
        const rows = await tx`select id::int, state, snapshot->>'value' as value, snapshot->>'status' as status from applications where id in (${draft}, ${ahead}) order by id`
        expect(rows).toEqual([
          { id: draft, state: 'withdrawn', value: 'withdrawn', status: 'done' },
          { id: ahead, state: 'screening', value: 'screening', status: 'active' },
        ])
        const audit = await tx`select action, from_state, to_state from audit_events where entity = 'application' and entity_id = ${draft} and action = 'WITHDRAW'`
        expect(audit).toEqual([{ action: 'WITHDRAW', from_state: 'draft', to_state: 'withdrawn' }])
        throw new Rollback()
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e
      })
  })

  it('"active" is every state of the machine that is not final, but for the decisions only an appeal reopens', () => {
    const nonFinal = Object.entries(applicationMachine.states)
      .filter(([, node]) => node.type !== 'final')
      .map(([name]) => name)
      .filter((name) => name !== 'ineligible' && name !== 'rejected')
    expect([...activeApplicationStates].sort()).toEqual(nonFinal.sort())
  })
})

describe('municipal nomination', () => {
  it('nominates a candidate of their municipality (no account; e-mail stored as work e-mail) and can submit it', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[1].id })
    const cookie = await cookieFor(coordinator.userId)

    const form = await nominateLoader({ request: new Request(`http://localhost/nominate/${region.campaignId}`, { headers: { Cookie: cookie } }), params: { campaignId: String(region.campaignId) }, context: ctx })
    expect(form.fixedMunicipality?.id).toBe(region.municipalities[1].id)
    expect(form.municipalities.map((m) => m.id)).toEqual([region.municipalities[1].id])

    const fd = await formFor(region, { municipalityId: String(region.municipalities[1].id), workEmail: 'Candidate@School.test', dissemination: [] })
    const res = (await nominateAction({ request: post(`/nominate/${region.campaignId}`, cookie, fd), params: { campaignId: String(region.campaignId) }, context: ctx })) as Response
    expect(res.status).toBe(302)
    const id = Number(res.headers.get('Location')!.split('/').pop())
    const [app] = await sql()`
      select a.source, a.applicant_user_id, a.nominated_by::int as "nominatedBy", a.municipality_id::int as "municipalityId", p.work_email
      from applications a join people p on p.id = a.person_id where a.id = ${id}`
    expect(app).toEqual({ source: 'municipality', applicant_user_id: null, nominatedBy: coordinator.userId, municipalityId: region.municipalities[1].id, work_email: 'candidate@school.test' })

    const result = await applyApplicationEvent(coordinator, id, { event: 'SUBMIT' })
    expect(result.to).toBe('screening')
  })

  it('cannot nominate into another municipality (403) nor into another region (403)', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[0].id })
    const cookie = await cookieFor(coordinator.userId)
    const fd = await formFor(region, { municipalityId: String(region.municipalities[2].id) })
    const res = replyOf(await nominateAction({ request: post(`/nominate/${region.campaignId}`, cookie, fd), params: { campaignId: String(region.campaignId) }, context: ctx }))
    expect(res.status).toBe(403)
    expect(await countApplications(region.campaignId)).toBe(0)

    const other = await makeRegion()
    const page = await nominateLoader({ request: new Request(`http://localhost/nominate/${other.campaignId}`, { headers: { Cookie: cookie } }), params: { campaignId: String(other.campaignId) }, context: ctx }).catch((e) => e)
    expect(page).toBeInstanceOf(Response)
    expect((page as Response).status).toBe(403)
  })

  it('an applicant cannot use the nomination form', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const page = await nominateLoader({ request: new Request(`http://localhost/nominate/${region.campaignId}`, { headers: { Cookie: cookie } }), params: { campaignId: String(region.campaignId) }, context: ctx }).catch((e) => e)
    expect((page as Response).status).toBe(403)
  })
})

describe('evidence', () => {
  async function draftWithEvidence() {
    const region = await makeRegion()
    const owner = await registered(region)
    const res = (await apply(region, owner.cookie, await formFor(region, {}, { evidence_contestWinner: new File([pdf()], 'Диплом "лучший".pdf') }))) as Response
    const id = Number(res.headers.get('Location')!.split('/').pop())
    const [{ evidenceId }] = await sql()<{ evidenceId: number }[]>`select id::int as "evidenceId" from evidence where application_id = ${id}`
    return { region, owner, id, evidenceId }
  }
  const download = (id: number, evidenceId: number, cookie: string) =>
    downloadLoader({ request: new Request(`http://localhost/applications/${id}/evidence/${evidenceId}`, { headers: { Cookie: cookie } }), params: { id: String(id), evidenceId: String(evidenceId) }, context: ctx }).catch((e) => e) as Promise<Response>

  it('is downloaded by its owner as an attachment that is never sniffed or cached', async () => {
    const { owner, id, evidenceId } = await draftWithEvidence()
    const res = await download(id, evidenceId, owner.cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const cd = res.headers.get('Content-Disposition')!
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    expect(cd).not.toContain('"лучший"')
    expect(new Uint8Array(await res.arrayBuffer()).slice(0, 5)).toEqual(new TextEncoder().encode('%PDF-'))
  })

  it('another applicant cannot download it (404, as if there were none); a secretary only once it is submitted, and the read is audited', async () => {
    const { region, id, evidenceId } = await draftWithEvidence()
    const stranger = await registered(region)
    expect((await download(id, evidenceId, stranger.cookie)).status).toBe(404)

    const secretary = await region.actor('secretary')
    // a draft is its author's alone
    expect((await download(id, evidenceId, await cookieFor(secretary.userId))).status).toBe(404)
    await forceApplicationState(id, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] }])
    const res = await download(id, evidenceId, await cookieFor(secretary.userId))
    expect(res.status).toBe(200)
    const audit = await sql()`select action, data->>'applicationId' as app from audit_events where entity = 'evidence' and entity_id = ${evidenceId}`
    expect(audit).toEqual([{ action: 'READ_EVIDENCE', app: String(id) }])
  })

  it('takes a later document only for a draft or an open request for information', async () => {
    const { owner, id } = await draftWithEvidence()
    const upload = async (file: File, fact = 'giaCommission') => {
      const fd = new FormData()
      fd.append('fact', fact)
      fd.append('file', file)
      return newEvidenceAction({ request: post(`/applications/${id}/evidence/new`, owner.cookie, fd), params: { id: String(id) }, context: ctx }).catch((e) => e)
    }
    await forceApplicationState(id, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] }])
    const closed = replyOf(await upload(new File([pdf()], 'a.pdf')))
    expect(closed.status).toBe(409)
    expect(closed.message).toBe('Документы можно добавить к черновику или в ответ на запрос сведений.')

    await forceApplicationState(id, [
      { type: 'SUBMIT' },
      { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] },
      { type: 'REQUEST_INFO', message: 'Приложите выписку из протокола ГИА' },
    ])
    const bad = replyOf(await upload(new File([png()], 'scan.png'), 'instituteStaff'))
    expect(bad.status).toBe(400)
    expect(bad.fields.fact).toBe('Выберите, что подтверждает документ')
    const ok = (await upload(new File([png()], 'scan.png'))) as Response
    expect(ok.status).toBe(302)
    const rows = await sql()`select fact, mime_type from evidence where application_id = ${id} order by id`
    expect(rows.at(-1)).toEqual({ fact: 'giaCommission', mime_type: 'image/png' })
    const [{ n }] = await sql()`select count(*)::int as n from audit_events where entity = 'application' and entity_id = ${id} and action = 'UPLOAD_EVIDENCE'`
    expect(n).toBe(2)
  })
})

const png = () => {
  const bytes = new Uint8Array(100)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return bytes
}

describe('the consent given with the form is the consent page’s', () => {
  // One consent API (app/domain/consent.server.ts): the form's dissemination
  // consent tells the subject by e-mail through the outbox, in the same
  // transaction, exactly as /my/consent does.
  const consentMail = (personId: number) => sql()`
    select o.template, o.recipient_user_id::int as "userId", o.recipient_email as email, o.payload
    from outbox o join consents c on c.id = o.entity_id
    where o.entity = 'consent' and c.person_id = ${personId} order by o.id`

  it('queues the consent-given e-mail to the applicant (not «changed»: there was none before), nothing for an unchanged choice, «changed» for a new choice, and the withdrawal e-mail when unticked', async () => {
    const region = await makeRegion()
    const { actor, login, user } = await registered(region)
    const id = await saveApplicationForm(actor, { mode: 'self', campaignId: region.campaignId }, await parsedForm(actor, { mode: 'self', campaignId: region.campaignId }, await formFor(region)), [])
    expect(await consentMail(user.personId!)).toEqual([
      { template: 'consentGiven', userId: user.id, email: login, payload: { fields: ['fullName', 'workplace', 'subjects'] } },
    ])

    await saveApplicationForm(actor, { mode: 'edit', applicationId: id }, await parsedForm(actor, { mode: 'edit', applicationId: id }, await formFor(region)), [])
    expect(await consentMail(user.personId!)).toHaveLength(1)

    await saveApplicationForm(actor, { mode: 'edit', applicationId: id }, await parsedForm(actor, { mode: 'edit', applicationId: id }, await formFor(region, { dissemination: ['fullName'] })), [])
    expect((await consentMail(user.personId!)).map((m) => m.template)).toEqual(['consentGiven', 'consentChanged'])

    await saveApplicationForm(actor, { mode: 'edit', applicationId: id }, await parsedForm(actor, { mode: 'edit', applicationId: id }, await formFor(region, { dissemination: [] })), [])
    expect((await consentMail(user.personId!)).map((m) => m.template)).toEqual(['consentGiven', 'consentChanged', 'consentWithdrawn'])
  })

  it('a nomination tells the candidate at their work e-mail, not the coordinator', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[1].id })
    const target: FormTarget = { mode: 'nominate', campaignId: region.campaignId }
    const values = await parsedForm(coordinator, target, await formFor(region, { municipalityId: String(region.municipalities[1].id), workEmail: 'nominee@school.test', dissemination: ['fullName'] }))
    const id = await saveApplicationForm(coordinator, target, values, [])
    const [{ personId }] = await sql()`select person_id::int as "personId" from applications where id = ${id}`
    expect(await consentMail(personId)).toEqual([{ template: 'consentGiven', userId: null, email: 'nominee@school.test', payload: { fields: ['fullName'] } }])
  })
})

describe('/my/consent', () => {
  const consentPost = (cookie: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
    return myConsentPage.action({ request: new Request('http://localhost/my/consent', { method: 'POST', body, headers: { Cookie: cookie } }), params: {}, context: ctx })
  }
  const current = async (personId: number) =>
    sql()`select fields from consents where person_id = ${personId} and purpose = 'dissemination' and withdrawn_at is null and superseded_at is null`

  it('says truthfully whether anything is ticked, and keeps typed values and errors without JavaScript', async () => {
    const region = await makeRegion()
    const { cookie, user } = await registered(region)
    const empty = await renderRoute(myConsentPage, 'http://localhost/my/consent', { Cookie: cookie })
    expect(empty).toContain('Вы ещё не давали согласия на публикацию, поэтому ничего не отмечено.')
    expect(empty).toContain('Вы не давали согласия на публикацию своих данных, поэтому в открытом реестре вас нет.')
    expect(empty).not.toMatch(/name="fields"[^>]*checked/)

    // saving with nothing ticked before anything was given asks to tick, rather than refusing a withdrawal
    const none = replyOf(await consentPost(cookie, { intent: 'save', conditions: '', validUntil: '' }))
    expect(none).toMatchObject({ status: 400, message: 'Ничего не отмечено: отметьте сведения, которые разрешаете публиковать.', fields: { fields: 'Отметьте хотя бы одно из сведений' } })

    const bad = replyOf(await consentPost(cookie, { intent: 'save', fields: ['fullName'], conditions: 'только на сайте', validUntil: '2026-02-30' }))
    expect(bad.status).toBe(400)
    expect(bad.fields.validUntil).toBe('Такой даты нет в календаре')
    expect(bad.values).toMatchObject({ fields: 'fullName', conditions: 'только на сайте', validUntil: '2026-02-30' })

    const saved = (await consentPost(cookie, { intent: 'save', fields: ['fullName', 'subjects'], conditions: '', validUntil: '' })) as Response
    expect(saved.status).toBe(302)
    expect(await current(user.personId!)).toEqual([{ fields: ['fullName', 'subjects'] }])
    const given = await renderRoute(myConsentPage, 'http://localhost/my/consent', { Cookie: cookie })
    expect(given).not.toContain('ничего не отмечено')
    expect(given).not.toContain('Ничего не отмечено')
    expect(given).toContain('Отмечены сведения, которые вы разрешили публиковать сейчас.')
    expect(given).toContain('Вы разрешили публиковать фамилию, имя, отчество, предметную область.')
    expect(given).toMatch(/<input type="checkbox" id="f-fullName" name="fields" checked=""/)
    expect(given).toMatch(/<input type="checkbox" id="f-workplace" name="fields" value=/)
  })

  it('withdraws only after the confirmation step', async () => {
    const region = await makeRegion()
    const { cookie, user } = await registered(region)
    await consentPost(cookie, { intent: 'save', fields: ['fullName'] })

    const page = await renderRoute(myConsentPage, 'http://localhost/my/consent?confirm=withdraw', { Cookie: cookie })
    expect(page).toContain('Отозвать согласие на публикацию?')
    expect(page).toContain('name="confirmed" value="yes"')

    const unconfirmed = replyOf(await consentPost(cookie, { intent: 'withdraw' }))
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.fields.confirmed).toBe('Подтвердите действие: оно необратимо.')
    expect(await current(user.personId!)).toHaveLength(1)

    const done = (await consentPost(cookie, { intent: 'withdraw', confirmed: 'yes' })) as Response
    expect(done.status).toBe(302)
    expect(await current(user.personId!)).toHaveLength(0)
    const after = await renderRoute(myConsentPage, 'http://localhost/my/consent', { Cookie: cookie })
    expect(after).toMatch(/Вы отозвали согласие на публикацию \d\d\.\d\d\.\d{4}, \d\d:\d\d \(UTC[+−-]\d+\), поэтому в открытом реестре вас нет\./)
    expect(after).toContain('Согласие отозвано, поэтому ничего не отмечено.')
    expect(after).not.toContain('ещё не давали')
  })

  it('shows the consent texts with their edition, not the stored identifier', async () => {
    const region = await makeRegion()
    const { cookie } = await registered(region)
    const page = await renderRoute(myConsentPage, 'http://localhost/my/consent', { Cookie: cookie })
    expect(page).toContain('(редакция 2; ст. 10.1')
    expect(page).not.toMatch(/dissemination-\d|processing-\d/)
  })
})
