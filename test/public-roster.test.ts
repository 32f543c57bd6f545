import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSIONS, disseminationConsentText, publicFieldLabels, publicFields, type PublicField } from '~/model/consent'
import { disseminationDocument, setDisseminationConsent, withdrawDisseminationConsent } from '../app/domain/consent.server'
import { rosterCsv, rosterJson } from '../app/domain/open-data.server'
import { parseRosterFilter, rosterFilterSchema, rosterHref } from '~/model/roster-filter'
import * as myConsentRoute from '../app/routes/my.consent'
import * as regionRoute from '../app/routes/regions.$code'
import * as rosterRoute from '../app/routes/roster/route'
import type { SignedIn } from '~/http/session.server'
import { db } from '../db/client.server'
import { publicMembersAll, publicMembersPage, regionPublicInfo } from '../db/queries/public-roster.server'
import { rosterState } from '../db/queries/roster-state.server'
import { grantRole, grantsOf, insertUser, userById } from '../db/queries/users.server'
import { rowAfter } from '../workflows/snapshot'
import { makeRegion } from './fixtures'
import { renderRoute } from './render'
import { cookieFor } from './staff-helpers'

type Region = Awaited<ReturnType<typeof makeRegion>>

async function addMember(
  region: Region,
  p: { last: string; first: string; middle?: string; org?: string; email?: string; phone?: string; fields: readonly PublicField[] | null; state?: string; municipality?: number; subjects?: string[] },
) {
  const sql = db()
  const mun = p.municipality ?? region.municipalities[0].id
  const [org] = await sql`
    insert into organisations (region_id, municipality_id, name) values (${region.regionId}, ${mun}, ${p.org ?? `Школа ${randomUUID().slice(0, 6)}`})
    on conflict (region_id, name) do update set name = excluded.name returning id::int`
  const [person] = await sql`
    insert into people (region_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects)
    values (${region.regionId}, ${mun}, ${p.last}, ${p.first}, ${p.middle ?? ''}, ${org.id}, 'учитель', ${p.email ?? null}, ${p.subjects ?? ['Математика']})
    returning id::int`
  await sql`insert into person_private (person_id, phone, birth_date, private_email) values (${person.id}, ${p.phone ?? '+7 900 111-22-33'}, '1980-01-02', 'secret@home.example')`
  const row = rowAfter('member', p.state === 'excluded' ? [{ type: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderId: 1 }] : [])
  const [member] = await sql`
    insert into members (region_id, roster_id, person_id, subjects, public, snapshot, state, machine_version)
    values (${region.regionId}, ${region.rosterId}, ${person.id}, ${p.subjects ?? ['Математика']}, ${p.fields?.includes('fullName') ?? false},
            ${sql.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
    returning id::int`
  if (p.fields) await sql`insert into consents (person_id, purpose, text_version, fields) values (${person.id}, 'dissemination', 'dissemination-1', ${[...p.fields]})`
  return { personId: person.id as number, memberId: member.id as number }
}

async function signedInAs(personId: number): Promise<SignedIn> {
  const userId = await insertUser({ login: `m.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: 'Член актива', personId })
  await grantRole(userId, { role: 'applicant' })
  return { userId, grants: await grantsOf(userId), user: (await userById(userId))! }
}

const filter = (params: Record<string, string>) => parseRosterFilter(new URLSearchParams(params))

describe('public roster', () => {
  it('shows only consented members, and of them only the consented fields', async () => {
    const region = await makeRegion()
    await addMember(region, { last: 'Полнова', first: 'Анна', email: 'polnova@school.ru', fields: publicFields })
    await addMember(region, { last: 'Частичная', first: 'Вера', email: 'hidden@school.ru', org: 'Секретная школа', fields: ['fullName', 'subjects'] })
    await addMember(region, { last: 'Безсогласия', first: 'Нина', fields: null })
    await addMember(region, { last: 'Безимени', first: 'Ольга', fields: ['workplace', 'subjects'] })
    await addMember(region, { last: 'Исключённая', first: 'Зоя', fields: publicFields, state: 'excluded' })
    const page = await publicMembersPage(filter({ region: region.code }), 50)
    expect(page.members.map((m) => m.fullName)).toEqual(['Полнова Анна', 'Частичная Вера'])
    const partial = page.members[1]
    expect(partial).toMatchObject({ subjects: ['Математика'], workplace: null, workEmail: null, municipality: null, position: null })
    const csv = await rosterCsv(filter({ region: region.code }), 'excel')
    const json = await rosterJson(filter({ region: region.code }), 1)
    for (const out of [csv, json]) {
      expect(out).toContain('Полнова')
      expect(out).not.toContain('hidden@school.ru')
      expect(out).not.toContain('Секретная школа')
      expect(out).not.toContain('Безсогласия')
      expect(out).not.toContain('Безимени')
      expect(out).not.toContain('Исключённая')
      expect(out).not.toContain('+7 900')
      expect(out).not.toContain('secret@home')
      expect(out).not.toContain('1980')
    }
    expect(JSON.parse(json).members[1]).not.toHaveProperty('workEmail')
    expect(csv.startsWith('\uFEFFФИО;Место работы;')).toBe(true)
  })

  it('filters on a field only among members who allowed that field', async () => {
    const region = await makeRegion()
    const mun = region.municipalities[1]
    await addMember(region, { last: 'Открытая', first: 'Мария', municipality: mun.id, fields: publicFields })
    await addMember(region, { last: 'Скрытная', first: 'Мария', municipality: mun.id, fields: ['fullName'] })
    const byMun = await publicMembersPage(filter({ region: region.code, municipality: mun.code }), 50)
    expect(byMun.members.map((m) => m.fullName)).toEqual(['Открытая Мария'])
    const bySubject = await publicMembersPage(filter({ region: region.code, subject: 'Математика' }), 50)
    expect(bySubject.members.map((m) => m.fullName)).toEqual(['Открытая Мария'])
  })

  it('searches by name or workplace ignoring case, ё/е and extra spaces; sorts in Russian order', async () => {
    const region = await makeRegion()
    await addMember(region, { last: 'Ёлкина', first: 'Алёна', org: 'Лицей № 7', fields: publicFields })
    await addMember(region, { last: 'Елисеева', first: 'Анна', fields: publicFields })
    await addMember(region, { last: 'Яковлева', first: 'Юлия', fields: publicFields })
    await addMember(region, { last: 'Абрамова', first: 'Ирина', fields: publicFields })
    const all = await publicMembersPage(filter({ region: region.code }), 50)
    expect(all.members.map((m) => m.fullName)).toEqual(['Абрамова Ирина', 'Елисеева Анна', 'Ёлкина Алёна', 'Яковлева Юлия'])
    for (const q of ['ЕЛКИНА', '  ёлкина   алена ', 'алёна ёлкина', 'лицей № 7']) {
      const r = await publicMembersPage(filter({ region: region.code, q }), 50)
      expect(r.members.map((m) => m.fullName), q).toEqual(['Ёлкина Алёна'])
    }
    const none = await publicMembersPage(filter({ region: region.code, q: '%' }), 50)
    expect(none.total).toBe(0)
  })

  it('paginates with totals', async () => {
    const region = await makeRegion()
    for (let i = 0; i < 7; i++) await addMember(region, { last: `Фамилия${String.fromCharCode(1072 + i)}`, first: 'Тест', fields: publicFields })
    const p1 = await publicMembersPage(filter({ region: region.code }), 3)
    const p3 = await publicMembersPage(filter({ region: region.code, page: '3' }), 3)
    expect(p1.total).toBe(7)
    expect(p1.members).toHaveLength(3)
    expect(p3.members).toHaveLength(1)
    const beyond = await publicMembersPage(filter({ region: region.code, page: '9' }), 3)
    expect(beyond).toEqual({ total: 7, members: [] })
  })

  it('ignores malformed filters instead of failing', () => {
    expect(parseRosterFilter(new URLSearchParams({ region: "tomsk'; drop", page: '-3' }))).toEqual(rosterFilterSchema.parse({}))
  })

  it('drops a malformed filter by itself: the region asked for stays, whatever another filter holds', async () => {
    expect(filter({ region: 'tomsk', group: 'Математика' })).toMatchObject({ region: 'tomsk', group: undefined })
    expect(filter({ region: 'tomsk', municipality: 'Город Томск', q: 'x'.repeat(300) })).toMatchObject({ region: 'tomsk', municipality: undefined, q: undefined })
    const region = await makeRegion()
    const other = await makeRegion()
    await addMember(region, { last: 'Своя', first: 'Анна', fields: publicFields })
    await addMember(other, { last: 'Чужая', first: 'Вера', fields: publicFields })
    const json = await publicMembersPage(filter({ region: region.code, municipality: 'Город Томск' }), 50)
    expect(json.members.map((m) => m.fullName)).toEqual([expect.stringMatching(/^Своя/)])
  })
})

describe('consent changes', () => {
  it('withdrawal takes effect on the next read, changes the roster version and is audited with its time', async () => {
    const region = await makeRegion()
    const { personId } = await addMember(region, { last: 'Отзывова', first: 'Ирина', email: 'otz@school.ru', fields: publicFields })
    const actor = await signedInAs(personId)
    const before = await rosterState()
    expect((await publicMembersPage(filter({ region: region.code }), 50)).total).toBe(1)
    const result = await withdrawDisseminationConsent(actor)
    const after = await rosterState()
    expect(after.version).toBeGreaterThan(before.version)
    expect((await publicMembersPage(filter({ region: region.code }), 50)).total).toBe(0)
    expect(await rosterJson(filter({ region: region.code }), after.version)).not.toContain('Отзывова')
    const [audit] = await db()`select action, data from audit_events where entity = 'consent' and entity_id = ${result.id}`
    expect(audit.action).toBe('CONSENT_WITHDRAWN')
    expect(new Date(audit.data.withdrawnAt).getTime()).toBe(result.at.getTime())
    const [outbox] = await db()`select template from outbox where entity = 'consent' and entity_id = ${result.id}`
    expect(outbox.template).toBe('consentWithdrawn')
    await expect(withdrawDisseminationConsent(actor)).rejects.toMatchObject({ code: 'NO_CONSENT' })
  })

  it('narrowing hides the dropped fields at once and keeps the history', async () => {
    const region = await makeRegion()
    const { personId } = await addMember(region, { last: 'Сужаева', first: 'Ольга', email: 'suzh@school.ru', fields: publicFields })
    const actor = await signedInAs(personId)
    await setDisseminationConsent(actor, { fields: ['fullName', 'workplace'], conditions: 'Не публиковать в социальных сетях', validUntil: null })
    const [m] = (await publicMembersPage(filter({ region: region.code }), 50)).members
    expect(m.workEmail).toBeNull()
    expect(m.workplace).not.toBeNull()
    const history = await db()`select fields, superseded_at from consents where person_id = ${personId} and purpose = 'dissemination' order by id`
    expect(history).toHaveLength(2)
    expect(history[0].superseded_at).not.toBeNull()
    expect(history[1].fields).toEqual(['fullName', 'workplace'])
    // dropping the name takes the member off the roster
    await setDisseminationConsent(actor, { fields: ['workplace'], conditions: '', validUntil: null })
    expect((await publicMembersPage(filter({ region: region.code }), 50)).total).toBe(0)
  })
})

describe('consent expiry', () => {
  // A consent «valid until 30.06» covers all of 30 June in the member's region
  // and ends at that region's midnight, although the database's UTC day (and
  // Moscow's) is still 30 June then.
  const expiring = async (presetCode: string) => {
    const region = await makeRegion(presetCode)
    const { personId } = await addMember(region, { last: 'Срочная', first: 'Дарья', fields: publicFields })
    await db()`update consents set valid_until = '2026-06-30' where person_id = ${personId}`
    const names = async (now: Date) => (await publicMembersAll(filter({ region: region.code }), db(), now)).map((m) => m.fullName)
    const total = async (now: Date) => (await publicMembersPage(filter({ region: region.code }), 50, db(), now)).total
    const info = async (now: Date) => (await regionPublicInfo(region.code, db(), now))!.members
    return { names, total, info }
  }

  it('UTC+10 (Khabarovsk): gone right after Vladivostok midnight while UTC is still on the previous day', async () => {
    const r = await expiring('khabarovsk')
    const before = new Date('2026-06-30T13:59:59Z') // 23:59:59 on 30 June in Khabarovsk
    const after = new Date('2026-06-30T14:00:00Z') // 00:00 on 1 July there; 14:00 UTC and 17:00 Moscow on 30 June
    expect(await r.names(before)).toEqual(['Срочная Дарья'])
    expect(await r.total(before)).toBe(1)
    expect(await r.info(before)).toBe(1)
    expect(await r.names(after)).toEqual([])
    expect(await r.total(after)).toBe(0)
    expect(await r.info(after)).toBe(0)
  })

  it('UTC+5 (Yugra): still shown at the same instant, gone at Yekaterinburg midnight (19:00 UTC)', async () => {
    const r = await expiring('yugra')
    expect(await r.names(new Date('2026-06-30T14:00:00Z'))).toEqual(['Срочная Дарья'])
    expect(await r.names(new Date('2026-06-30T18:59:59Z'))).toEqual(['Срочная Дарья'])
    expect(await r.names(new Date('2026-06-30T19:00:00Z'))).toEqual([])
  })

  it('the first minutes of the last day already count as within it (UTC is still on the day before)', async () => {
    const r = await expiring('khabarovsk')
    // 00:30 on 30 June in Khabarovsk = 14:30 UTC on 29 June.
    expect(await r.names(new Date('2026-06-29T14:30:00Z'))).toEqual(['Срочная Дарья'])
  })
})

describe('the region is always public, the municipality only with consent (decision 0008)', () => {
  /** The table row of the member named `name` in rendered HTML. */
  const rowOf = (html: string, name: string) => {
    const row = html.split('<tr>').find((r) => r.includes(name))
    if (!row) throw new Error(`no row for ${name}`)
    return row.slice(0, row.indexOf('</tr>'))
  }
  // why: the filter form lists every municipality of the region as an option; that directory is not about anyone
  const withoutFilterOptions = (html: string) => html.replace(/<select[\s\S]*?<\/select>/g, '')

  it('an unconsented municipality is absent from the HTML, the JSON and the CSV; the region is present in all three', async () => {
    const region = await makeRegion()
    const [, hiddenMun, shownMun] = region.municipalities
    const { personId } = await addMember(region, { last: 'Безмуниципальная', first: 'Лидия', municipality: hiddenMun.id, fields: publicFields })
    // given under the current text, without the municipality
    await setDisseminationConsent(await signedInAs(personId), { fields: ['fullName', 'workplace', 'subjects'], conditions: '', validUntil: null })
    // an older consent (dissemination-1) that named «регион и муниципалитет» keeps the municipality
    await addMember(region, { last: 'Смуниципальная', first: 'Вера', municipality: shownMun.id, fields: ['fullName', 'municipality'] })
    const [{ name: regionName }] = await db()<{ name: string }[]>`select name from regions where id = ${region.regionId}`

    const html = await renderRoute(rosterRoute, `http://localhost/roster?region=${region.code}`)
    const hiddenRow = rowOf(html, 'Безмуниципальная Лидия')
    expect(hiddenRow).toContain(regionName)
    expect(hiddenRow).not.toContain(hiddenMun.name)
    expect(withoutFilterOptions(html)).not.toContain(hiddenMun.name)
    expect(rowOf(html, 'Смуниципальная Вера')).toContain(shownMun.name)

    const json = JSON.parse(await rosterJson(filter({ region: region.code }), 1)) as { members: Record<string, unknown>[] }
    const hidden = json.members.find((m) => m.fullName === 'Безмуниципальная Лидия')!
    expect(hidden).toMatchObject({ regionCode: region.code, regionName })
    expect(hidden).not.toHaveProperty('municipality')
    expect(JSON.stringify(json)).not.toContain(hiddenMun.name)
    expect(json.members.find((m) => m.fullName === 'Смуниципальная Вера')).toMatchObject({ municipality: shownMun.name, regionName })

    const csv = await rosterCsv(filter({ region: region.code }), 'rfc')
    const [header, ...lines] = csv.trim().split('\r\n').map((l) => l.split(','))
    const col = (name: string) => header.indexOf(name)
    const line = lines.find((l) => l[col('ФИО')] === 'Безмуниципальная Лидия')!
    expect(line[col('Регион')]).toBe(regionName)
    expect(line[col('Муниципалитет')]).toBe('')
    expect(csv).not.toContain(hiddenMun.name)
  })

  it('the consent text and the form say the region is always published and offer only the municipality', async () => {
    const region = await makeRegion()
    const { personId } = await addMember(region, { last: 'Читающая', first: 'Анна', fields: null })
    const doc = await disseminationDocument(personId, 'http://rma.test', { fields: ['fullName', 'municipality'], conditions: '', validUntil: null })
    expect(doc.version).toBe('dissemination-2')
    // RKN order №18: the subject and their contact information
    const [{ workEmail }] = await db()<{ workEmail: string | null }[]>`select work_email as "workEmail" from people where id = ${personId}`
    expect(doc.body).toContain(`Субъект: Читающая Анна`)
    expect(doc.body).toContain(`контактная информация субъекта: ${workEmail ?? 'адрес электронной почты, указанный в заявлении'}.`)
    expect(doc.body).toContain('Вместе с фамилией, именем и отчеством всегда публикуется регион, в методический актив которого включён субъект')
    expect(doc.body).toContain('Категории и перечень данных, разрешённых к распространению: фамилия, имя, отчество, муниципалитет.')
    expect(publicFieldLabels.municipality).toBe('муниципалитет')

    const actor = await signedInAs(personId)
    const { id } = await setDisseminationConsent(actor, { fields: ['fullName'], conditions: '', validUntil: null })
    // the consent names the new text version, and that stored text is the one shown
    const [stored] = await db()<{ version: string; body: string }[]>`
      select t.version, t.body from consents c join consent_texts t on t.version = c.text_version where c.id = ${id}`
    expect(stored).toEqual({ version: CONSENT_TEXT_VERSIONS.dissemination, body: disseminationConsentText })
    // the old text stays as it was for the consents given under it
    const [old] = await db()<{ body: string }[]>`select body from consent_texts where version = 'dissemination-1'`
    expect(old.body).not.toContain('всегда публикуется регион')

    const page = await renderRoute(myConsentRoute, 'http://localhost/my/consent', { Cookie: await cookieFor(actor) })
    expect(page).toContain('Регион, в актив которого вы включены, публикуется вместе с ФИО всегда')
    expect(page).toContain('>муниципалитет</label>')
    expect(page).not.toContain('регион и муниципалитет')
  })
})

describe('a composition order and its members (issue 9, item 7)', () => {
  async function withOrder(region: Region, memberId: number, number: string) {
    const [order] = await db()<{ id: number }[]>`
      insert into orders (region_id, number, date, title, kind)
      values (${region.regionId}, ${number}, '2025-09-15', 'Об утверждении состава регионального методического актива', 'composition')
      returning id::int`
    await db()`update members set admitted_order_id = ${order.id} where id = ${memberId}`
    return order.id
  }

  it('the region page links each composition order to the public list of the members it included', async () => {
    const region = await makeRegion()
    const { memberId } = await addMember(region, { last: 'Приказова', first: 'Ольга', fields: publicFields })
    const orderId = await withOrder(region, memberId, '77-о')
    const info = (await regionRoute.loader({ request: new Request(`http://localhost/regions/${region.code}`), params: { code: region.code }, context: {} } as never)) as {
      orders: { id: number; kind: string }[]
    }
    expect(info.orders).toContainEqual(expect.objectContaining({ id: orderId, kind: 'composition' }))
    // the page's link for it
    expect(rosterHref({ region: region.code, order: orderId })).toBe(`/roster?region=${region.code}&order=${orderId}`)
    const list = await renderRoute(rosterRoute, `http://localhost/roster?region=${region.code}&order=${orderId}`)
    expect(list).toContain('Включены приказом № 77-о от 15.09.2025')
    expect(list).toContain('Приказова Ольга')
  })

  it('lists by order only members who allowed their order to be shown', async () => {
    const region = await makeRegion()
    const shown = await addMember(region, { last: 'Сприказом', first: 'Анна', fields: publicFields })
    const hidden = await addMember(region, { last: 'Безприказа', first: 'Вера', fields: ['fullName', 'subjects'] })
    const orderId = await withOrder(region, shown.memberId, '78-о')
    await db()`update members set admitted_order_id = ${orderId} where id = ${hidden.memberId}`
    const page = await publicMembersPage(filter({ region: region.code, order: String(orderId) }), 50)
    expect(page.members.map((m) => m.fullName)).toEqual(['Сприказом Анна'])
  })

  it('a page past the last goes to the last page, keeping the filter; an empty list stays on page 1', async () => {
    const region = await makeRegion('tomsk')
    await addMember(region, { last: 'Последняя', first: 'Ирина', fields: publicFields })
    const call = (q: string) =>
      (rosterRoute.loader({ request: new Request(`http://localhost/roster?${q}`), params: {}, context: {} } as never) as Promise<unknown>).catch((e: unknown) => e)
    const past = (await call(`region=${region.code}&q=${encodeURIComponent('Последняя')}&page=999`)) as Response
    expect(past).toBeInstanceOf(Response)
    expect(past.status).toBe(302)
    expect(past.headers.get('location')).toMatch(new RegExp(`^/roster\\?region=${region.code}&q=[^&]+$`))
    const none = await call(`region=${region.code}&q=${encodeURIComponent('Никтоненайден')}`)
    expect(none).not.toBeInstanceOf(Response)
  })

  it('a municipality, group or order left over from another region is dropped, not applied', async () => {
    const tomsk = await makeRegion('tomsk')
    const chel = await makeRegion('chelyabinsk')
    await addMember(tomsk, { last: 'Томская', first: 'Ирина', fields: publicFields })
    const staleMunicipality = chel.municipalities[0]
    const [mu] = await db()<{ code: string }[]>`select code from municipalities where id = ${staleMunicipality.id}`
    const html = await renderRoute(rosterRoute, `http://localhost/roster?region=${tomsk.code}&municipality=${mu.code}`)
    expect(html).toContain('Томская Ирина')
  })

  it('a long group name is shortened in the filter with the whole name in its title, and wraps whole in the table', async () => {
    const region = await makeRegion('chelyabinsk')
    const [group] = await db()<{ id: number; name: string }[]>`
      select g.id::int, g.name from roster_groups g join directions d on d.id = g.direction_id
      where d.region_id = ${region.regionId} order by length(g.name) desc limit 1`
    expect(group.name.length).toBeGreaterThan(150)
    const { memberId } = await addMember(region, { last: 'Группова', first: 'Нина', fields: publicFields })
    await db()`update members set group_id = ${group.id} where id = ${memberId}`
    const html = await renderRoute(rosterRoute, `http://localhost/roster?region=${region.code}`)
    const escaped = group.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const option = html.match(new RegExp(`<option[^>]*title="${escaped}"[^>]*>([^<]*)</option>`))
    expect(option?.[1].length).toBeLessThanOrEqual(60)
    expect(option?.[1].endsWith('…')).toBe(true)
    expect(html).toContain(`<span class="clamp" title="`)
    expect(html).toContain(`>${group.name}</span>`)
    expect(html).toContain('data-label="Направление, группа"')
    expect(html).toContain('data-auto-submit')
  })
})
