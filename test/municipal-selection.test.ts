import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { decideApplications, ministryQueue } from '../app/domain/ministry.server'
import { createApplication } from '../app/domain/applications.server'
import { action as ministryAction, loader as ministryLoader } from '../app/routes/ministry/route'
import { action as campaignsAction, loader as campaignsLoader } from '../app/routes/campaigns.manage._index'
import { action as campaignAction, loader as campaignLoader } from '../app/routes/campaigns.manage.$id'
import { loader as applicationLoader } from '../app/routes/applications.$id/route'
import { loader as rosterJsonLoader } from '../app/routes/roster[.]json'
import { loader as coverageLoader } from '../app/routes/regions.$code_.coverage'
import { loader as appendixLoader } from '../app/routes/orders.$id.appendix'
import { loader as orderDocxLoader } from '../app/routes/orders.$id[.]docx'
import { readDocx } from './support/docx'
import { replyOf } from './support/form'
import { action as compositionAction, loader as compositionLoader } from '../app/routes/coordinator.commission/route'
import { db } from '../db/client.server'
import { AppError } from '../workflows/errors'
import { sendEvent } from '../workflows/transition.server'
import { makeRegion } from './fixtures'
import { sendStageReminders } from '../app/domain/stage-reminders.server'
import { regionDay } from '~/utils/dates'
import { exportsFor } from '../app/exports/exports.server'
import { municipalApplicationStateLabels } from '~/model/municipal-selection'
import { municipalSelection } from './municipal-support'
import { publicStatistics } from '../app/domain/statistics.server'
import { claimDue, enqueue, notificationPage } from '../db/queries/outbox.server'
import { deadlinesFor } from '../app/domain/stage-deadlines.server'
import * as dashboardRoute from '../app/routes/dashboard'
import * as outboxRoute from '../app/routes/outbox/route'
import * as campaignPageRoute from '../app/routes/campaigns.manage.$id'
import type { Actor } from '~/model/permissions'
import { notificationLabel } from '~/model/labels'
import { contextOf } from '../app/mail/worker.server'
import { renderMail } from '../app/mail/templates'
import { renderAfterPost, renderRoute } from './render'
import * as ruleSetRoute from '../app/routes/rule-sets.$id'
import * as ruleSetEditRoute from '../app/routes/rule-sets.$id_.edit/route'
import { cookieFor } from './support/session'
import * as campaignsRoute from '../app/routes/campaigns.manage._index'
import { campaignToMinistry, candidate, forceCampaignState, get, giveConsent, orderNo, post, stateOf, statusOf } from './staff-helpers'

// The municipal active's own selection (issue 10 §6): set up by the
// municipality's coordinator, approved by its education authority under its
// own order, published to the municipal roster — and nobody of another
// municipality, or the region's ministry, acts on it.

const refusedWith = async (work: Promise<unknown>) => {
  try {
    await work
    return 'done'
  } catch (e) {
    return e instanceof AppError ? e.code : String(e)
  }
}

const approve = (ids: number[], number = orderNo()) => ({
  intent: 'approve' as const,
  confirmed: 'yes',
  ids,
  orderNumber: number,
  orderDate: '2025-10-20',
  orderTitle: 'Об утверждении состава муниципального методического актива',
})

describe('municipal selection: setting it up', () => {
  it('the municipal coordinator creates its commission, copies the region’s rule set and creates a campaign on its municipal roster (made once)', async () => {
    const region = await makeRegion()
    const m = await municipalSelection(region)
    const path = `/campaigns/manage?municipality=${m.municipalityId}`
    const page = (await get(campaignsLoader, m.coordinator, path)) as Awaited<ReturnType<typeof campaignsLoader>>
    expect(page.municipality?.id).toBe(m.municipalityId)
    expect(page.campaigns.map((c) => c.id)).toEqual([m.campaignId]) // not the region's test campaign
    expect(page.commissions.map((c) => c.id)).toEqual([m.commissionId])
    // the list under the municipality's title is the municipality's campaigns, and says so
    const html = await renderRoute(campaignsRoute, `http://localhost${path}`, { Cookie: await cookieFor(m.coordinator) })
    expect(html).toContain('<h2>Отборы муниципалитета</h2>')
    expect(html).not.toContain('Отборы региона')

    const copied = await post(campaignsAction, m.coordinator, path, { region: region.regionId, municipality: m.municipalityId, intent: 'copyRuleSet', ruleSetId: region.ruleSetId })
    expect(statusOf(copied)).toBe(302)
    const [copy] = await db()`select id::int, municipality_id::int as m, version from rule_sets where region_id = ${region.regionId} and municipality_id is not null`
    expect(copy).toMatchObject({ m: m.municipalityId, version: 1 })
    // copied once: the page then links the copy and no longer offers a copy that could only be refused
    const after = await renderRoute(campaignsRoute, `http://localhost${path}`, { Cookie: await cookieFor(m.coordinator) })
    expect(after).toContain(`href="/rule-sets/${copy.id}"`)
    expect(after).not.toContain('Скопировать региональный набор правил')
    // the copy's pages link only where its coordinator may go: back to the municipality's selections, no region-wide list or facts
    const copyPage = await renderRoute(ruleSetRoute, `http://localhost/rule-sets/${copy.id}`, { Cookie: await cookieFor(m.coordinator) }, '/rule-sets/:id')
    expect(copyPage).toContain(`href="/campaigns/manage?municipality=${m.municipalityId}"`)
    expect(copyPage).not.toContain('href="/rule-sets?region=')
    const editPage = await renderRoute(ruleSetEditRoute, `http://localhost/rule-sets/${copy.id}/edit`, { Cookie: await cookieFor(m.coordinator) }, '/rule-sets/:id/edit')
    expect(editPage).toContain(`href="/rule-sets/${copy.id}"`)
    expect(editPage).not.toContain('href="/rule-sets/facts')
    // a refusal of a setup form is said in the setup section, above the campaign form, and a blank name is said at all
    const blank = await renderAfterPost(campaignsRoute, `http://localhost${path}`, { region: region.regionId, municipality: m.municipalityId, intent: 'commission', name: '' }, { Cookie: await cookieFor(m.coordinator) })
    expect(blank.status).toBe(400)
    const [setup, create] = blank.html.split('id="create-title"')
    expect(setup).toContain('Укажите название комиссии')
    expect(create).not.toContain('Укажите название комиссии')

    const res = await post(campaignsAction, m.coordinator, path, {
      region: region.regionId,
      municipality: m.municipalityId,
      title: 'Второй муниципальный отбор',
      ruleSetId: copy.id,
      commissionId: m.commissionId,
      municipalityId: m.municipalityId,
    })
    expect(statusOf(res)).toBe(302)
    const rosters = await db()`
      select distinct ro.id, ro.level, ro.municipality_id::int as m from campaigns c join rosters ro on ro.id = c.roster_id
      where c.region_id = ${region.regionId} and ro.level = 'municipal'`
    expect(rosters).toHaveLength(1)
    expect(rosters[0]).toMatchObject({ level: 'municipal', m: m.municipalityId })
  })

  it('refuses the municipal coordinator the region’s selection and another municipality’s; the regional coordinator may create either', async () => {
    const region = await makeRegion()
    const a = await municipalSelection(region, 0)
    const b = await municipalSelection(region, 1)
    const form = { region: region.regionId, title: 'Чужой отбор', ruleSetId: region.ruleSetId, commissionId: b.commissionId, municipalityId: b.municipalityId }
    // another municipality, asked for directly or through the form's field
    expect(statusOf((await get(campaignsLoader, a.coordinator, `/campaigns/manage?municipality=${b.municipalityId}`)) as Response)).toBe(403)
    expect(statusOf(await post(campaignsAction, a.coordinator, '/campaigns/manage', { ...form, municipality: a.municipalityId }))).toBe(403)
    // the region's selection: a regional campaign, its page and its events
    expect(statusOf(await post(campaignsAction, a.coordinator, '/campaigns/manage', { ...form, municipality: a.municipalityId, municipalityId: '', commissionId: region.commissionId }))).toBe(403)
    expect(statusOf((await get(campaignLoader, a.coordinator, `/campaigns/manage/${region.campaignId}`, { id: String(region.campaignId) })) as Response)).toBe(404)
    expect(await refusedWith(sendEvent({ entity: 'campaign', id: region.campaignId, actor: a.coordinator, event: { type: 'CLOSE' } }))).toBe('FORBIDDEN')
    expect(await refusedWith(sendEvent({ entity: 'campaign', id: b.campaignId, actor: a.coordinator, event: { type: 'CLOSE' } }))).toBe('FORBIDDEN')
    // the rule-set copy and the commission of another municipality
    expect(statusOf(await post(campaignsAction, a.coordinator, '/campaigns/manage', { region: region.regionId, municipality: b.municipalityId, intent: 'commission', name: 'Чужая комиссия' }))).toBe(403)

    // a teacher of another municipality does not join the municipal active, nor is nominated to it
    const nominated = createApplication(
      {
        campaignId: a.campaignId,
        source: 'municipality',
        person: { municipalityId: b.municipalityId, lastName: 'Чужая', firstName: 'Ирина', middleName: '', organisationId: null, position: 'учитель', workEmail: 'x@school.test', subjects: [] },
        private: {},
        facts: {},
      },
      b.coordinator,
    )
    expect(await refusedWith(nominated)).toBe('OTHER_MUNICIPALITY')

    const coordinator = await region.actor('regionalCoordinator')
    // the list offers every commission of the region: a mismatch is named beside the field, in the words of the choice made
    const regionalWithMunicipal = replyOf(await post(campaignsAction, coordinator, '/campaigns/manage', { ...form, municipalityId: '' }))
    expect(regionalWithMunicipal.status).toBe(422)
    expect(regionalWithMunicipal.fields.commissionId).toBe('Это комиссия муниципального отбора: для регионального методического актива выберите комиссию региона.')
    expect(regionalWithMunicipal.values).toMatchObject({ title: 'Чужой отбор' })
    const municipalWithRegional = replyOf(await post(campaignsAction, coordinator, '/campaigns/manage', { ...form, commissionId: region.commissionId }))
    expect(municipalWithRegional.fields.commissionId).toBe('Для муниципального методического актива выберите комиссию этого муниципалитета.')
    expect(statusOf(await post(campaignsAction, coordinator, '/campaigns/manage', form))).toBe(302)
    const all = (await get(campaignsLoader, coordinator, '/campaigns/manage')) as Awaited<ReturnType<typeof campaignsLoader>>
    expect(all.campaigns.map((c) => c.id)).toEqual(expect.arrayContaining([region.campaignId, a.campaignId, b.campaignId]))
    // a regional commission does not judge a municipal campaign
    expect(statusOf(await post(campaignsAction, coordinator, '/campaigns/manage', { ...form, commissionId: region.commissionId }))).toBe(422)
  })
})

describe('municipal selection: its commission’s composition', () => {
  it('the municipal coordinator seats a person on its own commission only; the region’s commission stays the region’s', async () => {
    const region = await makeRegion()
    const a = await municipalSelection(region, 0)
    const b = await municipalSelection(region, 1)
    const person = await region.actor('applicant')
    const [{ login }] = await db()`select login from users where id = ${person.userId}`
    const page = (await get(compositionLoader, a.coordinator, `/coordinator/commission?municipality=${a.municipalityId}`)) as Awaited<ReturnType<typeof compositionLoader>>
    expect(page.commissions.map((c) => c.id)).toEqual([a.commissionId])
    const add = (commissionId: number, municipality: number) =>
      post(compositionAction, a.coordinator, '/coordinator/commission', { region: region.regionId, municipality, commissionId, intent: 'add', login, role: 'member' })
    expect(statusOf(await add(a.commissionId, a.municipalityId))).toBe(302)
    const [grant] = await db()`select role, commission_id::int as c from role_grants where user_id = ${person.userId} and role = 'commissionMember'`
    expect(grant).toEqual({ role: 'commissionMember', c: a.commissionId })
    // another municipality's commission and the region's: refused, nothing written
    expect(statusOf(await add(b.commissionId, a.municipalityId))).toBe(403)
    expect(statusOf(await add(region.commissionId, a.municipalityId))).toBe(403)
    // without ?municipality= the page opens on the coordinator's own municipality, never the region's commissions
    const own = (await get(compositionLoader, a.coordinator, '/coordinator/commission')) as Awaited<ReturnType<typeof compositionLoader>>
    expect(own.commissions.map((c) => c.id)).toEqual([a.commissionId])
    expect(statusOf((await get(compositionLoader, a.coordinator, `/coordinator/commission?municipality=${b.municipalityId}`)) as Response)).toBe(403)
    const seats = await db()`select commission_id::int as c from commission_members where user_id = ${person.userId}`
    expect(seats).toEqual([{ c: a.commissionId }])
    // an address without an account: the region invites new people, the municipality is told so, nothing is sent
    const unknown = `nobody.${a.commissionId}@test.rma`
    const refused = replyOf(await post(compositionAction, a.coordinator, '/coordinator/commission', { region: region.regionId, municipality: a.municipalityId, commissionId: a.commissionId, intent: 'add', login: unknown, role: 'member' }))
    expect(refused).toMatchObject({ status: 409, code: 'NO_ACCOUNT', message: expect.stringMatching(/Пригласить нового человека может региональный координатор/) })
    expect(await db()`select id from invitations where email = ${unknown}`).toEqual([])
  })
})

describe('municipal selection: approval by the municipal authority', () => {
  it('the approver approves under the authority’s own order; the campaign is approved; the order appendix names the authority', async () => {
    const region = await makeRegion()
    const m = await municipalSelection(region)
    const [x, y] = [await m.candidate('Абрамова'), await m.candidate('Белкина')]
    await forceCampaignState(m.campaignId, campaignToMinistry)
    const d = (await get(ministryLoader, m.approver, '/ministry')) as Awaited<ReturnType<typeof ministryLoader>>
    expect(d.municipality?.id).toBe(m.municipalityId)
    expect(d.groups.flatMap((g) => g.applications.map((a) => a.id)).sort()).toEqual([x.id, y.id].sort())

    const number = orderNo()
    const res = await post(ministryAction, m.approver, '/ministry', { region: region.regionId, municipality: m.municipalityId, ...approve([x.id, y.id], number) })
    expect(statusOf(res)).toBe(302)
    expect((res as Response).headers.get('Location')).toMatch(new RegExp(`^/ministry\\?region=${region.regionId}&municipality=${m.municipalityId}&order=\\d+$`))
    const [order] = await db()`select id::int, municipality_id::int as m, kind from orders where number = ${number}`
    expect(order).toMatchObject({ m: m.municipalityId, kind: 'composition' })
    expect(await stateOf('applications', x.id)).toBe('approved')
    expect(await stateOf('campaigns', m.campaignId)).toBe('approved')
    const appendix = (await get(appendixLoader, m.approver, `/orders/${order.id}/appendix`, { id: String(order.id) })) as { ministryName?: string; appendix?: { ministryName: string } }
    expect(JSON.stringify(appendix)).toContain('Муниципальный орган управления образованием')
    expect(appendix).toMatchObject({ municipalityName: expect.any(String) })
    // the draft order of the authority approves the municipal active and is not signed by a minister
    const docx = (await get(orderDocxLoader, m.approver, `/orders/${order.id}.docx`, { id: String(order.id) })) as Response
    const { paragraphs } = await readDocx(await docx.arrayBuffer())
    expect(paragraphs.some((p) => p.startsWith('1. Утвердить состав муниципального методического актива ('))).toBe(true)
    expect(paragraphs).toContain('Руководитель\t____________')
    expect(paragraphs.join('\n')).not.toMatch(/регионального методического актива|Министр/)
    // the candidate's notice of the decision names the municipal authority, not the ministry
    const [notice] = await db()<{ userId: number }[]>`
      select recipient_user_id::int as "userId" from outbox where template = 'ministryDecision' and entity = 'application' and entity_id = ${x.id} and recipient_user_id is not null`
    const notices = (await notificationPage(notice.userId, null, 20)).filter((n) => n.template === 'ministryDecision')
    expect(notices.map((n) => n.municipal)).toEqual([true])
    expect(notificationLabel(notices[0].template, notices[0].municipal)).toBe('Решение муниципального органа управления образованием')
  })

  it('role × action: only the municipality’s approver decides its candidates; the ministry, another municipality and another region cannot', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const a = await municipalSelection(region, 0)
    const b = await municipalSelection(region, 1)
    const x = await a.candidate('Васильева')
    const regional = await candidate(region, 'Григорьева')
    const officer = await region.actor('ministryOfficer')
    const strangers = {
      'ministry officer of the region': officer,
      'approver of another municipality': b.approver,
      'approver of another region': await other.actor('municipalApprover'),
      'municipal coordinator of the municipality': a.coordinator,
      'secretary of the municipal commission': a.secretary,
      'regional coordinator': await region.actor('regionalCoordinator'),
    }
    for (const [who, actor] of Object.entries(strangers)) {
      const asked = await get(ministryLoader, actor, `/ministry?municipality=${a.municipalityId}`)
      expect(asked instanceof Response ? asked.status : 200, who).toBe(403)
      const posted = await post(ministryAction, actor, '/ministry', { region: region.regionId, municipality: a.municipalityId, ...approve([x.id]) })
      expect(statusOf(posted), who).toBe(403)
      expect(await refusedWith(sendEvent({ entity: 'application', id: x.id, actor, event: { type: 'APPROVE' } })), who).toBe('FORBIDDEN')
    }
    // the ministry's own list has no municipal candidate, and its decision cannot reach one
    const list = await ministryQueue(officer, region.regionId)
    expect(list.page.rows.map((r) => r.id)).toEqual([regional.id])
    expect(await refusedWith(decideApplications(officer, region.regionId, approve([x.id])))).toBe('FORBIDDEN')
    // an approver's authority covers neither the region's candidates nor another municipality's: they are answered as missing
    expect(await refusedWith(decideApplications(b.approver, { regionId: region.regionId, municipalityId: b.municipalityId }, approve([x.id])))).toBe('NOT_FOUND')
    expect(await refusedWith(decideApplications(a.approver, { regionId: region.regionId, municipalityId: a.municipalityId }, approve([regional.id])))).toBe('NOT_FOUND')
    expect(statusOf((await get(applicationLoader, a.approver, `/applications/${regional.id}`, { id: String(regional.id) })) as Response)).toBe(404)
    expect(await stateOf('applications', x.id)).toBe('atMinistry')
    expect(await stateOf('applications', regional.id)).toBe('atMinistry')
    // the approver reads its own candidate's application
    const own = (await get(applicationLoader, a.approver, `/applications/${x.id}`, { id: String(x.id) })) as Awaited<ReturnType<typeof applicationLoader>>
    expect(own).not.toBeInstanceOf(Response)
    // the page names the municipal authority where a regional one names the ministry
    expect(own.municipalSelection).toBe(true)
    expect(municipalApplicationStateLabels[own.state]).toBe('На согласовании в муниципальном органе управления образованием')
    // and downloads no list: the municipality's exports cover candidates of other selections too
    expect(exportsFor(a.approver)).toEqual([])
    const theirs = (await get(applicationLoader, officer, `/applications/${regional.id}`, { id: String(regional.id) })) as Awaited<ReturnType<typeof applicationLoader>>
    expect(theirs.municipalSelection).toBe(false)
  })
})

describe('municipal selection: the decision’s deadline', () => {
  it('reminds the municipality’s approver, not the region’s ministry', async () => {
    const region = await makeRegion()
    const m = await municipalSelection(region)
    const officer = await region.actor('ministryOfficer')
    await forceCampaignState(m.campaignId, campaignToMinistry)
    const now = new Date()
    const [{ zone }] = await db()<{ zone: string }[]>`select time_zone as zone from regions where id = ${region.regionId}`
    const today = regionDay(now, zone)
    await db()`update campaigns set decision_until = ${today} where id = ${m.campaignId}`
    await sendStageReminders(now, { regionId: region.regionId })
    const to = await db()<{ userId: number }[]>`
      select recipient_user_id::int as "userId" from outbox where entity = 'campaign' and entity_id = ${m.campaignId} and template = 'stageReminder'`
    expect(to.map((r) => r.userId)).toContain(m.approver.userId)
    expect(to.map((r) => r.userId)).not.toContain(officer.userId)
    // the letter, as the worker renders it, names the municipal authority and never the ministry
    const ids = (await db()<{ id: number }[]>`select id::int from outbox where entity = 'campaign' and entity_id = ${m.campaignId}`).map((r) => r.id)
    const claimed = await claimDue({ ids, token: randomUUID(), batchSize: 50, dueBefore: new Date(Date.now() + 60_000) })
    const letters = claimed.filter((r) => r.recipientEmail).map((r) => renderMail({ template: r.template, payload: r.payload, context: contextOf(r, 'http://localhost') }))
    expect(letters.length).toBeGreaterThan(0)
    for (const mail of letters) {
      expect(mail.subject + mail.text).not.toMatch(/министерств/i)
      expect(mail.text).toContain('муниципального органа управления образованием')
    }
  })
})

describe('municipal selection: the staff pages name its authority', () => {
  it('the dashboard’s stage list and the outbox table say «муниципальный орган управления образованием», and its deadline is the approver’s, not the ministry’s', async () => {
    const region = await makeRegion()
    const m = await municipalSelection(region)
    const [coordinator, officer] = [await region.actor('regionalCoordinator'), await region.actor('ministryOfficer')]
    await forceCampaignState(m.campaignId, campaignToMinistry)
    await db()`update campaigns set decision_until = current_date + 30 where id = ${m.campaignId}`
    await enqueue([{ regionId: region.regionId, template: 'ministryDecision', to: { userId: null, email: `x.${randomUUID().slice(0, 6)}@test.rma`, role: 'coordinator' }, entity: 'campaign', entityId: m.campaignId, payload: {} }])

    const words = (html: string) => html.replace(/<[^>]+>/g, ' ')
    const dashboard = words(await renderRoute(dashboardRoute, 'http://localhost/dashboard', { Cookie: await cookieFor(coordinator) }))
    expect(dashboard).toContain('Решение муниципального органа управления образованием')
    expect(dashboard).not.toContain('Решение министерства')
    const outbox = words(await renderRoute(outboxRoute, 'http://localhost/outbox', { Cookie: await cookieFor(coordinator) }))
    expect(outbox).toContain('Решение муниципального органа управления образованием')
    expect(outbox).not.toContain('Решение министерства')
    const campaign = words(await renderRoute(campaignPageRoute, `http://localhost/campaigns/manage/${m.campaignId}`, { Cookie: await cookieFor(m.coordinator) }, '/campaigns/manage/:id'))
    expect(campaign).toContain('Решение муниципального органа управления образованием до')
    expect(campaign).not.toContain('Решение министерства')

    const decisions = async (a: Actor) => (await deadlinesFor(a.userId, a.grants[0], new Date())).filter((d) => d.campaignId === m.campaignId).map((d) => d.stage)
    expect(await decisions(m.approver)).toEqual(['decision'])
    expect(await decisions(officer)).toEqual([])
  })
})

describe('municipal selection: publication to the municipal roster', () => {
  it('the municipal coordinator publishes; members join the municipal roster, public at level=municipal only; coverage counts both levels', async () => {
    const region = await makeRegion()
    const a = await municipalSelection(region, 0)
    const b = await municipalSelection(region, 1)
    const x = await a.candidate('Дорофеева')
    await giveConsent(x.personId, ['fullName', 'workplace', 'position', 'subjects', 'workEmail'])
    await forceCampaignState(a.campaignId, campaignToMinistry)
    await decideApplications(a.approver, { regionId: region.regionId, municipalityId: a.municipalityId }, approve([x.id]))

    // nobody of another municipality publishes it, or opens its page (to them it does not exist: 404)
    for (const actor of [b.coordinator, b.approver, a.approver, a.secretary]) {
      expect(statusOf(await post(campaignAction, actor, `/campaigns/manage/${a.campaignId}`, { intent: 'publish', confirmed: 'yes' }, { id: String(a.campaignId) }))).toBe(404)
    }
    expect(statusOf((await get(campaignLoader, b.coordinator, `/campaigns/manage/${a.campaignId}`, { id: String(a.campaignId) })) as Response)).toBe(404)

    const res = await post(campaignAction, a.coordinator, `/campaigns/manage/${a.campaignId}`, { intent: 'publish', confirmed: 'yes' }, { id: String(a.campaignId) })
    expect(statusOf(res)).toBe(302)
    expect(await stateOf('campaigns', a.campaignId)).toBe('published')
    const [member] = await db()`select m.public, ro.level from members m join rosters ro on ro.id = m.roster_id where m.application_id = ${x.id}`
    expect(member).toEqual({ public: true, level: 'municipal' })

    const json = async (level: string) => {
      const r = (await rosterJsonLoader({ request: new Request(`http://localhost/roster.json?region=${region.code}&level=${level}`), params: {}, context: {} } as never)) as Response
      return JSON.parse(await r.text()) as { members: { fullName: string }[] }
    }
    expect((await json('municipal')).members.map((p) => p.fullName)).toEqual(['Дорофеева Ольга Ивановна'])
    expect((await json('regional')).members.map((p) => p.fullName)).not.toContain('Дорофеева Ольга Ивановна')

    const cov = (await coverageLoader({ request: new Request(`http://localhost/regions/${region.code}/coverage`), params: { code: region.code }, context: {} } as never)) as {
      rows: { municipalityId: number; regional: number; municipal: number; members: number }[]
      total: { regional: number; municipal: number; members: number }
    }
    expect(cov.rows.find((r) => r.municipalityId === a.municipalityId)).toMatchObject({ regional: 0, municipal: 1, members: 1 })
    expect(cov.total).toMatchObject({ regional: 0, municipal: 1, members: 1 })
    // the statistics' table by municipality shows the municipal active apart from the region's
    const stats = await publicStatistics(region.code)
    const byMunicipality = stats!.members.find((t) => t.id === 'municipality')!
    expect(byMunicipality.columns.map((c) => c.head).slice(2)).toEqual(['В региональном активе', 'В муниципальном активе'])
    expect(byMunicipality.rows).toEqual([[region.municipalities[0].name, 1, 0, 1]])
  })
})
