import { describe, expect, it } from 'vitest'
import { renderToString } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import * as editRoute from '../app/routes/rule-sets.$id_.edit/route'
import { loader as jsonLoader } from '../app/routes/rule-sets.$id[.]json'
import { action as ruleSetAction } from '../app/routes/rule-sets.$id'
import { action as factsAction, loader as factsLoader } from '../app/routes/rule-sets.facts'
import * as applicationFormPage from '../app/pages/application-form'
import { applyApplicationEvent } from '../app/domain/application-view.server'
import { verifyFact } from '../app/domain/applications.server'
import { loader as applicationLoader } from '../app/routes/applications.$id/route'
import { groupsOf } from '../db/queries/directions.server'
import { applyCampaignEvent, createCampaign } from '../app/domain/campaign-admin.server'
import { copyRegionalRuleSet } from '../app/domain/municipal-selection.server'
import { municipalSelection } from './municipal-support'
import { renderRoute } from './render'
import { routeContext } from './support/session'
import { db } from '../db/client.server'
import type { Facts } from '~/model/eligibility'
import type { RuleSetFields } from '~/model/rule-set-form'
import { makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { cookieFor } from './support/session'
import { candidate, flashOf, get, post, statusOf, type Failure, type Region } from './staff-helpers'

// The structured rule-set editor (issue 11 §3) against the real embedded DB.

const { action: editAction, loader: editLoader } = editRoute
type Editor = Awaited<ReturnType<typeof editLoader>>
const location = (r: Response | Failure) => (r as Response).headers.get('Location')

/** The fields as the browser sends them: nested names, one entry per ticked box. */
function flat(fields: RuleSetFields, extra: Record<string, string> = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  const put = (name: string, v: unknown) => {
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) out[name] = v.map(String)
    else if (Array.isArray(v)) v.forEach((x, i) => put(`${name}[${i}]`, x))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) put(name ? `${name}.${k}` : k, x)
    else out[name] = String(v)
  }
  put('', fields)
  return { ...out, ...extra }
}

async function editor(region: Region, actor: Awaited<ReturnType<Region['actor']>>) {
  const id = String(region.ruleSetId)
  return (await get(editLoader, actor, `/rule-sets/${id}/edit`, { id })) as Editor
}

const versions = async (region: Region) => (await db()`select count(*)::int as n from rule_sets where region_id = ${region.regionId}`)[0].n as number

/** The page as a browser without JavaScript gets it after posting the form: the action's answer rendered by the component. */
async function pageAfterPost(actor: Awaited<ReturnType<Region['actor']>>, id: number, form: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
  const routes = [{ id: 'route', path: '/rule-sets/:id/edit', loader: editLoader as never, action: editAction as never, Component: editRoute.default }]
  const handler = createStaticHandler(routes)
  const request = new Request(`http://localhost/rule-sets/${id}/edit`, { method: 'POST', body, headers: { Cookie: await cookieFor(actor) } })
  const result = await handler.query(request, { requestContext: { cspNonce: 'n', clientAddress: '127.0.0.1' } })
  if (result instanceof Response) throw new Error(`answered ${result.status}`)
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, result)} context={result} hydrate={false} />)
}

describe('the structured rule-set editor', () => {
  it('changing a threshold in the form creates version N+1 with the change; version N stays', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = String(region.ruleSetId)
    const [before] = await db()`select document, version, title from rule_sets where id = ${region.ruleSetId}`
    const page = await editor(region, coordinator)
    expect(page.next).toBe(before.version + 1)
    const experience = page.fields.required.findIndex((r) => r.fact === 'experienceYears')
    expect(page.fields.required[experience].min).toBe('5')
    expect(page.catalogue.experienceYears).toMatchObject({ kind: 'number' })

    const fields = structuredClone(page.fields)
    fields.title = 'Требования, редакция 2026 года'
    fields.required[experience].min = '3'
    const res = await post(editAction, coordinator, `/rule-sets/${id}/edit`, flat(fields, { intent: 'save' }), { id })
    const newId = Number(location(res)!.match(/^\/rule-sets\/(\d+)$/)![1])
    expect(await flashOf(res as Response)).toEqual({ kind: 'success', text: 'Изменения сохранены как новая версия.' })
    const [saved] = await db()`select version, title, document, created_by::int as "createdBy" from rule_sets where id = ${newId}`
    expect(saved).toMatchObject({ version: before.version + 1, title: 'Требования, редакция 2026 года', createdBy: coordinator.userId })
    const expected = structuredClone(before.document)
    expected.version = before.version + 1
    expected.title = 'Требования, редакция 2026 года'
    expected.required[experience].test = { op: 'gte', value: 3 }
    expect(saved.document).toEqual(expected)
    const [unchanged] = await db()`select document, version, title from rule_sets where id = ${region.ruleSetId}`
    expect(unchanged).toEqual(before)

    // Cloning still makes the next one.
    const clone = await post(ruleSetAction, coordinator, `/rule-sets/${newId}`, { intent: 'clone' }, { id: String(newId) })
    const [copy] = await db()`select version from rule_sets where id = ${Number(location(clone)!.split('/').pop())}`
    expect(copy.version).toBe(before.version + 2)
  })

  it('adds and removes rules with plain posts (no JavaScript), answering with the form and saving nothing', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = String(region.ruleSetId)
    const page = await editor(region, coordinator)
    const n = await versions(region)
    const insert = JSON.stringify({ type: 'insert', payload: { name: 'required', defaultValue: { label: '', document: 'Положение' } } })
    const added = replyOf(await post(editAction, coordinator, `/rule-sets/${id}/edit`, flat(page.fields, { __intent__: insert }), { id }))
    expect(added.status).toBe(200)
    const values = added.values as unknown as RuleSetFields
    expect(values.required).toHaveLength(page.fields.required.length + 1)
    expect(values.required.at(-1)).toMatchObject({ document: 'Положение' })

    const remove = JSON.stringify({ type: 'remove', payload: { name: 'groups[0].rules', index: 0 } })
    const removed = replyOf(await post(editAction, coordinator, `/rule-sets/${id}/edit`, flat(page.fields, { __intent__: remove }), { id }))
    expect((removed.values as unknown as RuleSetFields).groups[0].rules.map((r) => r.id)).toEqual(page.fields.groups[0].rules.slice(1).map((r) => r.id))
    expect(await versions(region)).toBe(n)

    // The page rendered from that answer shows the new, empty rule with its fields and the buttons.
    const html = await pageAfterPost(coordinator, region.ruleSetId, flat(page.fields, { __intent__: insert }))
    const k = page.fields.required.length
    expect(html).toContain(`Требование ${k + 1}`)
    expect(html).toContain(`name="required[${k}].label"`)
    expect(html).toContain('Добавить обязательное требование')
    expect(html).toContain('Проверить на заявлениях')
    expect(html).toContain('Сохранить как новую версию')
    // The new rule is not checked before the user has filled it in.
    expect(html).not.toContain('Укажите формулировку требования')

    // Another fact chosen without JavaScript: «Показать условие…» answers with the condition of its kind.
    const switched = structuredClone(page.fields)
    switched.required[0] = { ...switched.required[0], fact: 'experienceYears' }
    const validate = JSON.stringify({ type: 'validate', payload: { name: 'required[0].fact' } })
    const number = await pageAfterPost(coordinator, region.ruleSetId, flat(switched, { __intent__: validate }))
    expect(number).toContain('name="required[0].min"')
    expect(number).not.toContain('name="required[0].values"')
    expect(await versions(region)).toBe(n)
  })

  it('shows errors beside the fields in Russian and saves nothing', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = String(region.ruleSetId)
    const page = await editor(region, coordinator)
    const n = await versions(region)
    const fields = structuredClone(page.fields)
    fields.required[3].min = ''
    fields.required[0].values = []
    fields.groups[0].atLeast = '20'
    const bad = replyOf(await post(editAction, coordinator, `/rule-sets/${id}/edit`, flat(fields, { intent: 'save' }), { id }))
    expect(bad.status).toBe(400)
    expect(bad.fields).toMatchObject({
      'required[3].min': 'Укажите наименьшее допустимое число',
      'required[0].values': 'Отметьте хотя бы одно подходящее значение',
      'groups[0].atLeast': `Не больше числа требований в группе (${fields.groups[0].rules.length})`,
    })
    expect(await versions(region)).toBe(n)
  })

  it('previews how the change would decide the current campaign’s applications, writing nothing', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = String(region.ruleSetId)
    const experience = (years: number, verified = true): Facts => ({
      qualificationCategory: { value: 'highest', verified: true, source: 'self' },
      educationLevel: { value: 'higher', verified: true, source: 'self' },
      educationPedagogical: { value: true, verified: true, source: 'self' },
      experienceYears: { value: years, verified, source: 'self' },
      contestWinner: { value: true, verified: true, source: 'self' },
    })
    const people = { Андреева: experience(12), Борисова: experience(6), Васильева: experience(4), Григорьева: experience(7, false) }
    const ids: Record<string, number> = {}
    for (const [lastName, facts] of Object.entries(people)) {
      ids[lastName] = (await candidate(region, lastName, [])).id
      await db()`update applications set facts = ${db().json(facts as never)} where id = ${ids[lastName]}`
    }
    const page = await editor(region, coordinator)
    const fields = structuredClone(page.fields)
    fields.required[3].min = '10'
    const n = await versions(region)
    const [app] = await db()`select facts, eligibility from applications where id = ${ids['Борисова']}`

    const res = (await post(editAction, coordinator, `/rule-sets/${id}/edit`, flat(fields, { intent: 'preview' }), { id })) as unknown as { data: { preview: unknown } }
    expect(res.data.preview).toEqual({
      selections: [
        {
          campaign: { id: region.campaignId, title: 'Тестовый отбор' },
          applications: 4,
          changes: [
            { applicationId: ids['Борисова'], fullName: 'Борисова Анна Петровна', before: 'pass', after: 'fail' },
            { applicationId: ids['Григорьева'], fullName: 'Григорьева Анна Петровна', before: 'unverified', after: 'fail' },
          ],
        },
      ],
    })
    expect(await versions(region)).toBe(n)
    expect((await db()`select facts, eligibility from applications where id = ${ids['Борисова']}`)[0]).toEqual(app)

    const html = await pageAfterPost(coordinator, region.ruleSetId, flat(fields, { intent: 'preview' }))
    expect(html).toContain('Изменится решение по 2 заявлениям.')
    expect(html).toContain(`href="/applications/${ids['Борисова']}"`)
    expect(html).toContain('соответствует требованиям</td><td data-label="После изменения">не соответствует требованиям')
    expect(html).toContain('value="10"')
  })

  it('checks the selections of the rule set’s own level: a municipal selection borrowing the region’s set does not replace the region’s', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    await candidate(region, 'Региональная', [])
    // newer and open, on the region's rule set: the walk's «Дополнительный отбор в муниципальный методический актив»
    const municipal = await municipalSelection(region)
    await municipal.candidate('Муниципальная', [])
    await municipal.candidate('Муниципальная-Вторая', [])
    const preview = async (id: number) => {
      const page = (await get(editLoader, coordinator, `/rule-sets/${id}/edit`, { id: String(id) })) as Editor
      const res = (await post(editAction, coordinator, `/rule-sets/${id}/edit`, flat(page.fields, { intent: 'preview' }), { id: String(id) })) as unknown as {
        data: { preview: { selections: { campaign: { id: number; title: string }; applications: number }[] } }
      }
      return res.data.preview.selections.map((s) => ({ title: s.campaign.title, applications: s.applications }))
    }
    expect(await preview(region.ruleSetId)).toEqual([{ title: 'Тестовый отбор', applications: 1 }])

    // two open selections of the region on it: one result per selection, the newest first
    const second = await createCampaign(coordinator, region.regionId, { title: 'Второй региональный отбор', ruleSetId: region.ruleSetId, commissionId: region.commissionId })
    await applyCampaignEvent(coordinator, second, 'OPEN')
    expect(await preview(region.ruleSetId)).toEqual([
      { title: 'Второй региональный отбор', applications: 0 },
      { title: 'Тестовый отбор', applications: 1 },
    ])
    const html = await pageAfterPost(coordinator, region.ruleSetId, flat((await editor(region, coordinator)).fields, { intent: 'preview' }))
    expect(html).toContain('Набор требований применяется в 2 текущих отборах')
    expect(html).toContain('Отбор «Второй региональный отбор»: заявлений — 0.')

    // the municipality's copy is checked on the municipality's selection that runs on it
    const copy = await copyRegionalRuleSet(municipal.coordinator, municipal.municipalityId, region.ruleSetId)
    const onCopy = await createCampaign(municipal.coordinator, region.regionId, {
      title: 'Муниципальный отбор по копии',
      ruleSetId: copy,
      commissionId: municipal.commissionId,
      municipalityId: municipal.municipalityId,
    })
    await applyCampaignEvent(municipal.coordinator, onCopy, 'OPEN')
    expect(await preview(copy)).toEqual([{ title: 'Муниципальный отбор по копии', applications: 0 }])
  })

  it('is for the region’s ruleSet:manage only', async () => {
    const region = await makeRegion()
    const id = String(region.ruleSetId)
    const coordinator = await region.actor('regionalCoordinator')
    const page = await editor(region, coordinator)
    const stranger = await (await makeRegion()).actor('regionalCoordinator')
    expect(((await get(editLoader, stranger, `/rule-sets/${id}/edit`, { id })) as Response).status).toBe(404)
    const n = await versions(region)
    expect(statusOf(await post(editAction, stranger, `/rule-sets/${id}/edit`, flat(page.fields, { intent: 'save' }), { id }))).toBe(404)
    expect(statusOf(await post(editAction, stranger, `/rule-sets/${id}/edit`, flat(page.fields, { intent: 'preview' }), { id }))).toBe(404)
    expect(await versions(region)).toBe(n)
  })
})

describe('the rule set as JSON', () => {
  it('downloads the stored document for the region’s staff, and refuses another region', async () => {
    const region = await makeRegion()
    const id = String(region.ruleSetId)
    const res = (await get(jsonLoader, await region.actor('regionalCoordinator'), `/rule-sets/${id}.json`, { id })) as Response
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="rma-tomsk-v1\.json"$/)
    const [{ document }] = await db()`select document from rule_sets where id = ${region.ruleSetId}`
    expect(JSON.parse(await res.text())).toEqual(document)

    const stranger = await (await makeRegion()).actor('regionalCoordinator')
    expect(((await get(jsonLoader, stranger, `/rule-sets/${id}.json`, { id })) as Response).status).toBe(404)
    expect(((await get(jsonLoader, await region.actor('applicant'), `/rule-sets/${id}.json`, { id })) as Response).status).toBe(404)
  })
})

describe('a region’s own facts', () => {
  it('a coordinator adds a fact; rules test it; applicants claim it on the form; eligibility evaluates it', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const label = 'Наставник молодых педагогов'
    const added = await post(factsAction, coordinator, '/rule-sets/facts', { region: region.regionId, label, kind: 'boolean', values: '', evidence: 'Приказ о наставничестве\nОтзыв руководителя' })
    expect(await flashOf(added as Response)).toEqual({ kind: 'success', text: 'Сведения добавлены в перечень региона.' })
    const list = (await get(factsLoader, coordinator, `/rule-sets/facts?region=${region.regionId}`)) as Awaited<ReturnType<typeof factsLoader>>
    const fact = list.facts.find((f) => f.label === label)!
    expect(fact).toMatchObject({ kind: 'boolean', added: true, evidence: ['Приказ о наставничестве', 'Отзыв руководителя'] })
    expect(fact.key).toMatch(/^x[a-z0-9]+$/)
    expect(list.facts.filter((f) => !f.added && !f.computed).length).toBe(13)
    // the registry's own fact for renewals (issue 10 §3.4)
    expect(list.facts.filter((f) => f.computed).map((f) => f.key)).toEqual(['evaluationMeetsThreshold'])

    // refused in Russian, nothing written: a list with one value, a label already taken
    const one = replyOf(await post(factsAction, coordinator, '/rule-sets/facts', { region: region.regionId, label: 'Уровень владения', kind: 'enum', values: 'высокий', evidence: '' }))
    expect(one.fields.values).toBe('Перечислите не меньше двух значений, каждое с новой строки')
    const again = replyOf(await post(factsAction, coordinator, '/rule-sets/facts', { region: region.regionId, label, kind: 'number', values: '', evidence: '' }))
    expect(again).toMatchObject({ status: 409, code: 'FACT_EXISTS', fields: { label: 'Такое название уже есть в перечне' } })
    // another region neither sees nor may pick it
    const other = await makeRegion()
    const stranger = await other.actor('regionalCoordinator')
    const theirs = (await get(factsLoader, stranger, `/rule-sets/facts?region=${other.regionId}`)) as Awaited<ReturnType<typeof factsLoader>>
    expect(theirs.facts.some((f) => f.key === fact.key)).toBe(false)
    expect(statusOf(await post(factsAction, stranger, '/rule-sets/facts', { region: region.regionId, label: 'Чужое', kind: 'boolean', values: '', evidence: '' }))).toBe(403)
    const theirEditor = await editor(other, stranger)
    const foreign = structuredClone(theirEditor.fields)
    foreign.required[0] = { ...foreign.required[0], fact: fact.key, values: [] }
    const refusedFact = replyOf(await post(editAction, stranger, `/rule-sets/${other.ruleSetId}/edit`, flat(foreign, { intent: 'save' }), { id: String(other.ruleSetId) }))
    expect(refusedFact.fields['required[0].fact']).toBe('Выберите сведения из списка')

    // the editor offers it; a required rule on it is saved as version 2
    const page = await editor(region, coordinator)
    expect(page.catalogue[fact.key]).toMatchObject({ label, kind: 'boolean' })
    const fields = structuredClone(page.fields)
    fields.required.push({ id: '', label: 'Опыт наставничества', fact: fact.key, values: [], min: '', document: 'Положение о РМА', item: 'п. 4' })
    const id = String(region.ruleSetId)
    const saved = await post(editAction, coordinator, `/rule-sets/${id}/edit`, flat(fields, { intent: 'save' }), { id })
    const newId = Number(location(saved)!.split('/').pop())
    const [doc] = await db()`select document from rule_sets where id = ${newId}`
    expect(doc.document.required.at(-1)).toEqual({ id: 'rule-1', label: 'Опыт наставничества', clause: 'Положение о РМА, п. 4', fact: fact.key, test: { op: 'isTrue' } })
    await db()`update campaigns set rule_set_id = ${newId} where id = ${region.campaignId}`

    // the application form shows it with its documents; a claim is stored and evaluated
    const applicant = await region.actor('applicant')
    const cookie = await cookieFor(applicant)
    const html = await renderRoute(applicationFormPage, `http://localhost/apply/${region.campaignId}`, { Cookie: cookie }, 'apply/:campaignId')
    expect(html).toContain(`value="${fact.key}"`)
    expect(html).toContain('Опыт наставничества')
    expect(html).toContain('Подтверждается документами: Приказ о наставничестве; Отзыв руководителя')

    const outcomeOf = async (actor: typeof applicant, claims: string[]) => {
      const [group] = await groupsOf(region.regionId)
      const fd = new FormData()
      const values: Record<string, string | string[]> = {
        lastName: 'Сергеева', firstName: 'Анна', middleName: '', workEmail: 'sergeeva@school.test', municipalityId: String(region.municipalities[0].id),
        newOrganisation: `Школа № ${Math.floor(Math.random() * 100000)}`, position: 'учитель', educationLevel: 'higher', educationPedagogical: 'on',
        qualificationCategory: 'highest', experienceYears: '12', subjects: 'Математика', groupId: String(group.id), claims, processingConsent: 'on',
      }
      for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x)
      const request = new Request(`http://localhost/apply/${region.campaignId}`, { method: 'POST', body: fd, headers: { Cookie: await cookieFor(actor) } })
      const res = await applicationFormPage.action({ request, params: { campaignId: String(region.campaignId) }, context: routeContext() }).catch((e: unknown) => e)
      const appId = Number((res as Response).headers.get('Location')!.match(/\/applications\/(\d+)/)![1])
      const [row] = await db()`select row_version, facts from applications where id = ${appId}`
      await applyApplicationEvent(actor, appId, { event: 'SUBMIT' }, row.row_version)
      const [after] = await db()`select eligibility from applications where id = ${appId}`
      return { id: appId, facts: row.facts, eligibility: after.eligibility }
    }
    const claimed = await outcomeOf(applicant, ['contestWinner', fact.key])
    expect(claimed.facts[fact.key]).toEqual({ value: true, verified: false, source: 'self' })
    expect(claimed.eligibility.outcome).toBe('unverified')
    expect(claimed.eligibility.required.at(-1)).toMatchObject({ id: 'rule-1', outcome: 'unverified', explanation: 'Опыт наставничества: да — заявлено, но ещё не подтверждено документами.' })
    // staff see it by its name and confirm it like any other
    const secretary = await region.actor('secretary')
    const view = (await get(applicationLoader, secretary, `/applications/${claimed.id}`, { id: String(claimed.id) })) as Awaited<ReturnType<typeof applicationLoader>>
    expect(view.factLabels[fact.key]).toBe(label)
    await verifyFact(claimed.id, fact.key, secretary)
    const [verified] = await db()`select eligibility from applications where id = ${claimed.id}`
    expect(verified.eligibility.required.at(-1)).toMatchObject({ id: 'rule-1', outcome: 'pass' })
    const without = await outcomeOf(await region.actor('applicant'), ['contestWinner'])
    expect(without.eligibility.outcome).toBe('fail')
    expect(without.eligibility.failed).toContain('Опыт наставничества (Положение о РМА, п. 4)')
  })
})
