import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { changeMember, memberView } from '../app/domain/roster-admin.server'
import * as memberRoute from '../app/routes/members.$id/route'
import { action as memberAction } from '../app/routes/members.$id/route'
import * as regionRoute from '../app/routes/regions.$code'
import * as groundsRoute from '../app/routes/settings.grounds/route'
import { db } from '../db/client.server'
import { publicFields } from '~/model/consent'
import type { Actor, Role } from '~/model/permissions'
import { rowAfter } from '../workflows/snapshot'
import { makeRegion } from './fixtures'
import { renderAfterPost, renderRoute } from './render'
import { replyOf } from './support/form'
import { cookieFor } from './support/session'
import { orderNo, post, statusOf, type Region } from './staff-helpers'

// Leaving the active (issue 10 §4): a suspension or an exclusion needs a
// ground from the region's list and an order; the coordinator edits the list
// on /settings/grounds; the ground and the order show in the member's history
// and on the region page's public change log, which names a member only under
// their consent and never shows the free-text reason.

const PRIVATE_PHONE = '+7 913 555-01-99'
const PRIVATE_EMAIL = 'home.secret.7731@mail.example'
const PRIVATE_REASON = 'Диагноз Z-7731, лечение до весны'

async function member(region: Region, last: string, fields: readonly string[] | null) {
  const sql = db()
  const [person] = await sql`
    insert into people (region_id, municipality_id, last_name, first_name, middle_name, position)
    values (${region.regionId}, ${region.municipalities[0].id}, ${last}, 'Ирина', 'Львовна', 'учитель') returning id::int`
  await sql`insert into person_private (person_id, phone, birth_date, private_email) values (${person.id}, ${PRIVATE_PHONE}, '1979-03-04', ${PRIVATE_EMAIL})`
  const row = rowAfter('member', [])
  const [m] = await sql`
    insert into members (region_id, roster_id, person_id, public, snapshot, state, machine_version)
    values (${region.regionId}, ${region.rosterId}, ${person.id}, ${fields?.includes('fullName') ?? false}, ${sql.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
    returning id::int`
  if (fields) await sql`insert into consents (person_id, purpose, text_version, fields) values (${person.id}, 'dissemination', 'dissemination-1', ${[...fields]})`
  return m.id as number
}

const newOrder = (number = orderNo()) => ({ kind: 'new' as const, number, date: '2026-03-02', title: 'Об изменении состава' })
const stateOf = async (id: number) => (await db()<{ state: string }[]>`select state from members where id = ${id}`)[0].state
const ordersNamed = async (region: Region, number: string) => db()`select id from orders where region_id = ${region.regionId} and number = ${number}`

describe('grounds for leaving', () => {
  it('a suspension or an exclusion without a ground from the list is refused in Russian, and nothing is written', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = await member(region, 'Безоснования', publicFields)
    for (const [event, ground, message] of [
      ['EXCLUDE', null, 'Нельзя исключить из актива: не выбрано основание из перечня оснований региона.'],
      ['SUSPEND', 'noSuchGround', 'Нельзя приостановить членство: основание не входит в действующий перечень оснований региона.'],
      ['SUSPEND', 'termEnd', 'Истечение срока полномочий не основание для приостановления или исключения: срок завершается отдельным действием.'],
    ] as const) {
      const number = orderNo()
      await expect(changeMember(coordinator, id, { event, rowVersion: undefined, ground, reason: 'Причина', order: newOrder(number) })).rejects.toMatchObject({
        code: 'GROUND_REQUIRED',
        status: 422,
        message,
      })
      expect(await ordersNamed(region, number)).toHaveLength(0)
    }
    expect(await stateOf(id)).toBe('active')
    // the form says it beside the select
    const path = `/members/${id}`
    const reply = replyOf(await post(memberAction, coordinator, path, { event: 'SUSPEND', orderChoice: 'new', orderNumber: orderNo(), orderDate: '2026-03-02', orderTitle: 'О приостановлении' }, { id: String(id) }))
    expect(reply.fields.ground).toBe('Выберите основание')
    // the page offers the region's grounds in a plain select, at the confirmation step too (no JavaScript needed)
    const headers = { Cookie: await cookieFor(coordinator) }
    for (const url of [`http://localhost${path}`, `http://localhost${path}?confirm=exclude`]) {
      const html = await renderRoute(memberRoute, url, headers, '/members/:id')
      expect(html).toMatch(/<select[^>]*name="ground"/)
      expect(html).toContain('<option value="violation">Нарушение положения о методическом активе</option>')
      expect(html).not.toContain('<option value="termEnd">')
    }
    // with a ground and an order, and no comment at all, it is made
    await changeMember(coordinator, id, { event: 'SUSPEND', rowVersion: undefined, ground: 'ownRequest', reason: null, order: newOrder() })
    expect(await stateOf(id)).toBe('suspended')
  })

  it('a change sent from a stale tab (the member already resumed there) says its refusal above the actions, and writes no order', async () => {
    const region = await makeRegion('tomsk')
    const coordinator = await region.actor('regionalCoordinator')
    const id = await member(region, 'Устаревшая', null)
    await changeMember(coordinator, id, { event: 'SUSPEND', rowVersion: undefined, ground: 'ownRequest', reason: null, order: newOrder() })
    const [{ version }] = await db()<{ version: number }[]>`select row_version::int as version from members where id = ${id}`
    // one tab resumes; the other, opened before, still offers «Возобновить членство» and sends it
    await changeMember(coordinator, id, { event: 'RESUME', rowVersion: version, ground: null, reason: null, order: newOrder() })
    const number = orderNo()
    const { status, html } = await renderAfterPost(
      memberRoute,
      `http://localhost/members/${id}`,
      { intent: 'RESUME', event: 'RESUME', rowVersion: version, orderChoice: 'new', orderNumber: number, orderDate: '2026-03-02', orderTitle: 'О возобновлении' },
      { Cookie: await cookieFor(coordinator) },
      '/members/:id',
    )
    expect(status).toBe(409)
    const alert = /<p class="alert" role="alert">([^<]+)<\/p>/.exec(html)
    expect(alert?.[1]).toBeTruthy()
    expect(await stateOf(id)).toBe('active')
    expect(await ordersNamed(region, number)).toHaveLength(0)
  })

  it('role × action: only the region’s coordinator changes the composition with a ground; the coordinator and the administrator edit the list', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const actors: [string, Actor, { change: boolean; grounds: boolean }][] = []
    for (const role of ['applicant', 'municipalCoordinator', 'secretary', 'commissionMember', 'chair', 'ministryOfficer', 'admin'] as Role[]) {
      actors.push([role, await region.actor(role), { change: false, grounds: role === 'admin' }])
    }
    actors.push(['regionalCoordinator of another region', await other.actor('regionalCoordinator'), { change: false, grounds: false }])
    actors.push(['regionalCoordinator', await region.actor('regionalCoordinator'), { change: true, grounds: true }])
    for (const [who, actor, may] of actors) {
      const id = await member(region, `Матрица${randomUUID().slice(0, 4)}`, null)
      const params = { id: String(id) }
      const suspend = await post(memberAction, actor, `/members/${id}`, { event: 'SUSPEND', ground: 'ownRequest', orderChoice: 'new', orderNumber: orderNo(), orderDate: '2026-03-02', orderTitle: 'О приостановлении' }, params)
      const exclude = await post(memberAction, actor, `/members/${id}`, { event: 'EXCLUDE', ground: 'violation', orderChoice: 'new', orderNumber: orderNo(), orderDate: '2026-03-03', orderTitle: 'Об исключении', confirmed: 'yes' }, params)
      // a member's page and its changes are roster:change's: to anyone else the member does not exist (404, test/record-scope.test.ts)
      expect([who, statusOf(suspend), statusOf(exclude), await stateOf(id)]).toEqual(may.change ? [who, 302, 302, 'excluded'] : [who, 404, 404, 'active'])
      const label = `Основание ${randomUUID().slice(0, 6)}`
      const add = await post(groundsRoute.action, actor, `/settings/grounds?region=${region.code}`, { region: region.code, intent: 'addGround', label })
      const added = await db()`select id from leaving_grounds where region_id = ${region.regionId} and label = ${label}`
      expect([who, statusOf(add), added.length]).toEqual(may.grounds ? [who, 302, 1] : [who, 403, 0])
    }
  })

  it('the coordinator renames, adds and takes grounds off the list; a ground off the list is no longer offered or accepted, and history keeps its label', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = await member(region, 'Историческая', null)
    await changeMember(coordinator, id, { event: 'SUSPEND', rowVersion: undefined, ground: 'jobChange', reason: null, order: newOrder() })
    const path = `/settings/grounds?region=${region.code}`
    const html = await renderRoute(groundsRoute, `http://localhost${path}`, { Cookie: await cookieFor(coordinator) })
    expect(html).toContain('Сейчас действует перечень по умолчанию')
    for (const label of ['По собственному желанию', 'Низкая активность, подтверждённая оценкой эффективности', 'Смена места работы или должности', 'Нарушение положения о методическом активе', 'Истечение срока полномочий']) expect(html).toContain(label)

    expect(statusOf(await post(groundsRoute.action, coordinator, path, { region: region.code, intent: 'renameGround', code: 'jobChange', label: 'Перевод на другую работу' }))).toBe(302)
    expect(statusOf(await post(groundsRoute.action, coordinator, path, { region: region.code, intent: 'addGround', label: 'Длительная болезнь' }))).toBe(302)
    const dup = replyOf(await post(groundsRoute.action, coordinator, path, { region: region.code, intent: 'addGround', label: 'длительная болезнь' }))
    expect(dup).toMatchObject({ status: 409, code: 'GROUND_EXISTS' })
    expect(statusOf(await post(groundsRoute.action, coordinator, path, { region: region.code, intent: 'toggleGround', code: 'jobChange', active: 'no' }))).toBe(302)
    const keep = replyOf(await post(groundsRoute.action, coordinator, path, { region: region.code, intent: 'toggleGround', code: 'termEnd', active: 'no' }))
    expect(keep).toMatchObject({ status: 409, code: 'GROUND_REQUIRED' })

    const view = await memberView(coordinator, id)
    expect(view.grounds.map((g) => g.label)).toEqual(['По собственному желанию', 'Низкая активность, подтверждённая оценкой эффективности', 'Нарушение положения о методическом активе', 'Истечение срока полномочий', 'Длительная болезнь'])
    expect(view.history.map((h) => h.groundLabel)).toEqual(['Перевод на другую работу'])
    await expect(changeMember(coordinator, id, { event: 'EXCLUDE', rowVersion: undefined, ground: 'jobChange', reason: null, order: newOrder() })).rejects.toMatchObject({ code: 'GROUND_REQUIRED' })
    const [added] = await db()<{ code: string }[]>`select code from leaving_grounds where region_id = ${region.regionId} and label = 'Длительная болезнь'`
    await changeMember(coordinator, id, { event: 'EXCLUDE', rowVersion: undefined, ground: added.code, reason: null, order: newOrder() })
    expect(await stateOf(id)).toBe('excluded')
    const audits = await db()<{ action: string }[]>`select action from audit_events where region_id = ${region.regionId} and entity = 'leavingGround' order by id`
    expect(audits.map((a) => a.action)).toEqual(['RENAME', 'CREATE', 'RETIRE'])
  })
})

describe('the public change log', () => {
  it('shows the change, the ground’s label and the order; a name only beside a return of a member listed now; never the reason or any private value', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const back = await member(region, 'Вернувшаяся', ['fullName'])
    const left = await member(region, 'Ушедшая', publicFields)
    const unnamed = await member(region, 'Скрытова', ['workplace'])
    const withdrawn = await member(region, 'Отозванова', publicFields)
    const n1 = orderNo()
    const n2 = orderNo()
    const n3 = orderNo()
    await changeMember(coordinator, back, { event: 'SUSPEND', rowVersion: undefined, ground: 'ownRequest', reason: PRIVATE_REASON, order: { kind: 'new', number: n1, date: '2026-03-02', title: 'О приостановлении' } })
    await changeMember(coordinator, back, { event: 'RESUME', rowVersion: undefined, ground: null, reason: null, order: { kind: 'new', number: n2, date: '2026-04-01', title: 'О возобновлении' } })
    await changeMember(coordinator, left, { event: 'EXCLUDE', rowVersion: undefined, ground: 'jobChange', reason: PRIVATE_REASON, order: { kind: 'new', number: n3, date: '2026-04-02', title: 'Об исключении' } })
    await changeMember(coordinator, unnamed, { event: 'SUSPEND', rowVersion: undefined, ground: 'violation', reason: PRIVATE_REASON, order: newOrder() })
    await db()`update consents set withdrawn_at = now() where person_id = (select person_id from members where id = ${withdrawn})`
    await changeMember(coordinator, withdrawn, { event: 'SUSPEND', rowVersion: undefined, ground: 'ownRequest', reason: PRIVATE_REASON, order: newOrder() })

    const url = `http://localhost/regions/${region.code}`
    const html = await renderRoute(regionRoute, url, {}, '/regions/:code')
    expect(html).toContain('Изменения состава актива')
    // a ground is never beside a name, even of a member who came back
    expect(html).toContain(`Член актива (ФИО не публикуется) — приостановление членства; основание: «По собственному желанию» (приказ № ${n1} от 02.03.2026)`)
    expect(html).toContain(`Вернувшаяся Ирина Львовна — возобновление членства (приказ № ${n2} от 01.04.2026)`)
    // left the composition: the consent to publish the composition does not cover naming them, nor why
    expect(html).toContain(`Член актива (ФИО не публикуется) — исключение из актива; основание: «Смена места работы или должности» (приказ № ${n3} от 02.04.2026)`)
    expect(html).toContain('Член актива (ФИО не публикуется) — приостановление членства; основание: «Нарушение положения о методическом активе»')
    // each line begins with the day of the change, in the region's calendar
    expect(html).toMatch(/<li>\d\d\.\d\d\.\d{4}: Член актива \(ФИО не публикуется\) — исключение из актива/)
    const data = JSON.stringify(await regionRoute.loader({ request: new Request(url), params: { code: region.code }, context: {} } as never))
    for (const secret of [PRIVATE_REASON, 'Z-7731', PRIVATE_PHONE, PRIVATE_EMAIL, '1979', 'Ушедшая', 'Скрытова', 'Отозванова']) {
      expect(html).not.toContain(secret)
      expect(data).not.toContain(secret)
    }
  })
})

describe('the grounds’ list page', () => {
  it('says a ground already in the list once (not the refusal and its short form run together)', async () => {
    const region = await makeRegion('tomsk')
    const coordinator = await region.actor('regionalCoordinator')
    const { status, html } = await renderAfterPost(
      groundsRoute,
      `http://localhost/settings/grounds?region=${region.code}`,
      { region: region.code, intent: 'addGround', label: 'По собственному желанию' },
      { Cookie: await cookieFor(coordinator) },
    )
    expect(status).toBe(409)
    expect(html.split('Такое основание уже есть')).toHaveLength(2)
    expect(html).toContain('Такое основание уже есть в перечне.')
  })
})
