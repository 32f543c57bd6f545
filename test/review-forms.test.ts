import { describe, expect, it } from 'vitest'
import type { Actor } from '~/model/permissions'
import { loader as applicationLoader } from '../app/routes/applications.$id/route'
import { action as formAction, loader as formLoader } from '../app/routes/campaigns.manage.$id_.review-form/route'
import { loader as commissionLoader } from '../app/routes/commission/route'
import { action as reviewsAction, loader as reviewsLoader } from '../app/routes/reviews/route'
import { addReviewer } from '../app/domain/commission.server'
import { db } from '../db/client.server'
import { commissionMemberByUser } from '../db/queries/commissions.server'
import { forceApplicationState, makeApplication, makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { renderAfterPost, renderRoute } from './render'
import { cookieFor } from './support/session'
import * as formRoute from '../app/routes/campaigns.manage.$id_.review-form/route'
import * as reviewsRoute from '../app/routes/reviews/route'
import * as commissionRoute from '../app/routes/commission/route'
import { flashOf, get, post, statusOf } from './staff-helpers'

// The campaign's review form (issue 11 §4.2): the coordinator's editor, the
// reviewer's scores by criterion, the secretary's figures. Route modules
// called the way Remix calls them, on the real embedded database.

type Region = Awaited<ReturnType<typeof makeRegion>>
type FormPage = Awaited<ReturnType<typeof formLoader>>

const toInReview = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }]
const page = (r: Region) => `/campaigns/manage/${r.campaignId}/review-form`
const params = (r: Region) => ({ id: String(r.campaignId) })

const editorPost = (r: Region, actor: Actor, form: Record<string, string | number>) => post(formAction, actor, page(r), form, params(r))
const titles = async (r: Region) =>
  (await db()<{ title: string; position: number }[]>`select title, position from review_criteria where campaign_id = ${r.campaignId} order by position`).map(
    (c) => `${c.position}. ${c.title}`,
  )
const criterionIds = async (r: Region) =>
  (await db()<{ id: number }[]>`select id::int from review_criteria where campaign_id = ${r.campaignId} order by position`).map((c) => c.id)
const auditCount = async (r: Region) =>
  (await db()<{ n: number }[]>`select count(*)::int as n from audit_events where entity = 'campaign' and entity_id = ${r.campaignId} and action like '%CRITERION'`)[0].n

async function named(region: Region, role: 'commissionMember' | 'secretary', name: string) {
  const a = await region.actor(role)
  await db()`update users set display_name = ${name} where id = ${a.userId}`
  return a
}

/** Two criteria: «Методическая ценность» 0…5 and «Опыт наставничества» 0…10, added through the page. */
async function twoCriteria(region: Region, coordinator: Actor) {
  await editorPost(region, coordinator, { intent: 'addCriterion', title: 'Методическая ценность', description: 'Насколько разработки применимы в других школах', scaleMax: 5 })
  await editorPost(region, coordinator, { intent: 'addCriterion', title: 'Опыт наставничества', description: '', scaleMax: 10 })
  return criterionIds(region)
}

/** A candidate in review with three reviewers, the campaign's form already set. */
async function reviewSetup() {
  const region = await makeRegion()
  const coordinator = await region.actor('regionalCoordinator')
  const secretary = await region.actor('secretary')
  const reviewers = [await named(region, 'commissionMember', 'Петров П. П.'), await named(region, 'commissionMember', 'Сидорова А. А.'), await named(region, 'commissionMember', 'Иванов И. И.')]
  const app = await makeApplication(region, await region.actor('applicant'))
  await forceApplicationState(app, toInReview)
  for (const m of reviewers) await addReviewer(secretary, app, (await commissionMemberByUser(region.commissionId, m.userId))!.id)
  return { region, coordinator, secretary, reviewers, app }
}

const review = (app: number, ids: number[], scores: (string | number)[], recommendation = 'recommend') => {
  const form: Record<string, string | number> = { intent: 'review', applicationId: app, recommendation }
  ids.forEach((id, i) => {
    form[`scores[${i}].criterionId`] = id
    form[`scores[${i}].score`] = scores[i] ?? ''
  })
  return form
}

describe('the review form’s editor', () => {
  it('adds, edits, reorders and removes criteria, each change audited', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const empty = (await get<FormPage>(formLoader, coordinator, page(region), params(region))) as FormPage
    expect(empty).toMatchObject({ criteria: [], locked: false, campaign: { id: region.campaignId } })

    const added = (await editorPost(region, coordinator, { intent: 'addCriterion', title: 'Методическая ценность', description: 'Что оценивается', scaleMax: 5 })) as Response
    expect(added.status).toBe(302)
    expect(added.headers.get('Location')).toBe(page(region))
    expect(await flashOf(added)).toEqual({ kind: 'success', text: 'Критерий добавлен в форму отзыва.' })
    await editorPost(region, coordinator, { intent: 'addCriterion', title: 'Опыт наставничества', scaleMax: 10 })
    await editorPost(region, coordinator, { intent: 'addCriterion', title: 'Публикации', description: '', scaleMax: 3 })
    expect(await titles(region)).toEqual(['1. Методическая ценность', '2. Опыт наставничества', '3. Публикации'])

    const bad = replyOf(await editorPost(region, coordinator, { intent: 'addCriterion', title: ' ', scaleMax: 0 }))
    expect(bad).toMatchObject({ status: 400, code: 'INVALID_FORM' })
    expect(bad.fields).toEqual({ title: 'Укажите название критерия', scaleMax: 'Максимальный балл — целое число от 1 до 100' })

    const [first, second, third] = await criterionIds(region)
    expect(statusOf(await editorPost(region, coordinator, { intent: 'moveCriterion', criterionId: third, direction: 'up' }))).toBe(302)
    expect(await titles(region)).toEqual(['1. Методическая ценность', '2. Публикации', '3. Опыт наставничества'])
    // At the edge nothing moves.
    await editorPost(region, coordinator, { intent: 'moveCriterion', criterionId: first, direction: 'up' })
    expect(await titles(region)).toEqual(['1. Методическая ценность', '2. Публикации', '3. Опыт наставничества'])

    await editorPost(region, coordinator, { intent: 'updateCriterion', criterionId: second, title: 'Наставничество', description: 'Молодые педагоги', scaleMax: 4 })
    expect(statusOf(await editorPost(region, coordinator, { intent: 'removeCriterion', criterionId: first }))).toBe(302)
    const after = (await get<FormPage>(formLoader, coordinator, page(region), params(region))) as FormPage
    expect(after.criteria.map((c) => [c.position, c.title, c.description, c.scaleMax])).toEqual([
      [1, 'Публикации', '', 3],
      [2, 'Наставничество', 'Молодые педагоги', 4],
    ])
    const audit = await db()<{ action: string }[]>`
      select action from audit_events where entity = 'campaign' and entity_id = ${region.campaignId} and action like '%CRITERION' order by id`
    expect(audit.map((a) => a.action)).toEqual(['ADD_CRITERION', 'ADD_CRITERION', 'ADD_CRITERION', 'MOVE_CRITERION', 'MOVE_CRITERION', 'UPDATE_CRITERION', 'REMOVE_CRITERION'])
  })

  it('refuses a second criterion of the same title (a form sent twice), beside the title, and writes nothing', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const [, second] = await twoCriteria(region, coordinator)
    const before = [await titles(region), await auditCount(region)]
    const headers = { Cookie: await cookieFor(coordinator) }
    const again = await renderAfterPost(formRoute, `http://localhost${page(region)}`, { intent: 'addCriterion', title: ' методическая  ценность ', scaleMax: 5 }, headers, '/campaigns/manage/:id/review-form')
    expect(again.status).toBe(409)
    expect(again.html).toMatch(/id="add-criterion-title-error" class="error">Критерий «Методическая ценность» уже есть в форме отзыва: назовите этот иначе/)
    expect(again.html).toContain('role="alert">Критерий с таким названием уже есть в форме отзыва.</p>')
    const renamed = await renderAfterPost(formRoute, `http://localhost${page(region)}`, { intent: 'updateCriterion', criterionId: second, title: 'Методическая ценность', scaleMax: 10 }, headers, '/campaigns/manage/:id/review-form')
    expect(renamed.status).toBe(409)
    expect(renamed.html).toContain('Критерий «Методическая ценность» уже есть в форме отзыва')
    expect([await titles(region), await auditCount(region)]).toEqual(before)
    // its own title, unchanged, is not a duplicate
    expect(statusOf(await editorPost(region, coordinator, { intent: 'updateCriterion', criterionId: second, title: 'Опыт наставничества', description: 'Новое', scaleMax: 10 }))).toBe(302)
  })

  it('refuses a coordinator of another region and the ministry’s officer, and writes nothing', async () => {
    const region = await makeRegion()
    const [id] = await twoCriteria(region, await region.actor('regionalCoordinator'))
    const other = await (await makeRegion()).actor('regionalCoordinator')
    const officer = await region.actor('ministryOfficer')
    const before = [await titles(region), await auditCount(region)]
    // neither reads the campaign: to them it does not exist (404)
    for (const [who, status] of [[other, 404], [officer, 404]] as const) {
      expect(((await get(formLoader, who, page(region), params(region))) as Response).status).toBe(status)
      expect(replyOf(await editorPost(region, who, { intent: 'addCriterion', title: 'Чужой', scaleMax: 5 })).status).toBe(status)
      expect(replyOf(await editorPost(region, who, { intent: 'removeCriterion', criterionId: id })).status).toBe(status)
      expect(replyOf(await editorPost(region, who, { intent: 'moveCriterion', criterionId: id, direction: 'down' })).status).toBe(status)
    }
    expect([await titles(region), await auditCount(region)]).toEqual(before)
  })

  it('fixes the form once a review is submitted: only descriptions may still change', async () => {
    const s = await reviewSetup()
    const ids = await twoCriteria(s.region, s.coordinator)
    expect(statusOf(await post(reviewsAction, s.reviewers[0], '/reviews', review(s.app, ids, [4, 7])))).toBe(302)
    const before = [await titles(s.region), await auditCount(s.region)]

    const view = (await get<FormPage>(formLoader, s.coordinator, page(s.region), params(s.region))) as FormPage
    expect(view.locked).toBe(true)
    for (const form of <Record<string, string | number>[]>[
      { intent: 'addCriterion', title: 'Новый', scaleMax: 5 },
      { intent: 'removeCriterion', criterionId: ids[0] },
      { intent: 'moveCriterion', criterionId: ids[0], direction: 'down' },
    ]) {
      const r = replyOf(await editorPost(s.region, s.coordinator, form))
      expect(r).toMatchObject({ status: 409, code: 'REVIEW_FORM_LOCKED' })
      expect(r.message).toMatch(/уже представлены отзывы/)
    }
    const rescale = replyOf(
      await editorPost(s.region, s.coordinator, { intent: 'updateCriterion', criterionId: ids[1], title: 'Опыт наставничества', description: '', scaleMax: 100 }),
    )
    expect(rescale).toMatchObject({ status: 409, code: 'REVIEW_FORM_LOCKED' })
    expect(rescale.fields).toEqual({ scaleMax: 'Шкалу критерия уже нельзя изменить: по отбору представлены отзывы.' })
    expect([await titles(s.region), await auditCount(s.region)]).toEqual(before)

    const clearer = { intent: 'updateCriterion', criterionId: ids[1], title: 'Опыт наставничества', description: 'Сколько молодых педагогов сопровождал', scaleMax: 10 }
    expect(statusOf(await editorPost(s.region, s.coordinator, clearer))).toBe(302)
    expect((await db()`select description from review_criteria where id = ${ids[1]}`)[0].description).toBe('Сколько молодых педагогов сопровождал')
  })
})

describe('a review on the campaign’s form', () => {
  const written = async (app: number) =>
    (
      await db()<{ n: number; submitted: number }[]>`
        select (select count(*)::int from review_scores s join reviews r on r.id = s.review_id where r.application_id = ${app}) as n,
               count(*) filter (where submitted_at is not null)::int as submitted
        from reviews where application_id = ${app}`
    )[0]

  it('shows each criterion with its description and scale, and refuses a score out of scale or missing, writing nothing', async () => {
    const s = await reviewSetup()
    const ids = await twoCriteria(s.region, s.coordinator)
    const [m] = s.reviewers
    const mine = (await get<Awaited<ReturnType<typeof reviewsLoader>>>(reviewsLoader, m, '/reviews')) as Awaited<ReturnType<typeof reviewsLoader>>
    expect(mine.assignments[0].criteria).toEqual([
      { id: ids[0], title: 'Методическая ценность', description: 'Насколько разработки применимы в других школах', scaleMax: 5, score: null },
      { id: ids[1], title: 'Опыт наставничества', description: '', scaleMax: 10, score: null },
    ])

    const outOfScale = replyOf(await post(reviewsAction, m, '/reviews', review(s.app, ids, [6, 7])))
    expect(outOfScale).toMatchObject({ status: 400, code: 'INVALID_SCORE', message: 'Проверьте оценки по критериям формы отзыва.' })
    expect(outOfScale.fields).toEqual({ 'scores[0].score': 'Оценка по критерию «Методическая ценность» — целое число от 0 до 5.' })

    const missing = replyOf(await post(reviewsAction, m, '/reviews', review(s.app, ids, [5, ''])))
    expect(missing.fields).toEqual({ 'scores[1].score': 'Поставьте оценку по критерию «Опыт наставничества» (от 0 до 10).' })
    const leftOut = replyOf(await post(reviewsAction, m, '/reviews', review(s.app, ids.slice(0, 1), [5])))
    expect(leftOut.fields).toEqual({ 'scores[1].score': 'Поставьте оценку по критерию «Опыт наставничества» (от 0 до 10).' })
    const fraction = replyOf(await post(reviewsAction, m, '/reviews', review(s.app, ids, ['2.5', 7])))
    expect(fraction).toMatchObject({ status: 400, code: 'INVALID_FORM' })
    expect(fraction.fields['scores[0].score']).toBe('Оценка — целое число баллов')
    const overall = replyOf(await post(reviewsAction, m, '/reviews', { ...review(s.app, ids, [5, 7]), score: 9 }))
    expect(overall).toMatchObject({ status: 400, code: 'SCORE_BY_CRITERIA' })
    expect(await written(s.app)).toEqual({ n: 0, submitted: 0 })

    expect(statusOf(await post(reviewsAction, m, '/reviews', review(s.app, ids, [5, 7])))).toBe(302)
    expect(await written(s.app)).toEqual({ n: 2, submitted: 1 })
    const [r] = await db()`select score::float8 as score from reviews where application_id = ${s.app} and submitted_at is not null`
    expect(r.score).toBe(12)
    const again = (await get<Awaited<ReturnType<typeof reviewsLoader>>>(reviewsLoader, m, '/reviews')) as Awaited<ReturnType<typeof reviewsLoader>>
    expect(again.assignments[0].criteria.map((c) => c.score)).toEqual([5, 7])
  })

  it('gives the secretary the average, the spread, the total and the missing reviewer; the application page shows them to staff, not to reviewers', async () => {
    const s = await reviewSetup()
    const ids = await twoCriteria(s.region, s.coordinator)
    await post(reviewsAction, s.reviewers[0], '/reviews', review(s.app, ids, [3, 8]))
    await post(reviewsAction, s.reviewers[1], '/reviews', review(s.app, ids, [4, 6], 'defer'))

    const board = ((await get<Awaited<ReturnType<typeof commissionLoader>>>(commissionLoader, s.secretary, '/commission')) as Awaited<ReturnType<typeof commissionLoader>>)
      .board
    expect(board.map((b) => b.id)).toEqual([s.app])
    const expected = {
      criteria: [
        { id: ids[0], title: 'Методическая ценность', scaleMax: 5, n: 2, average: 3.5, min: 3, max: 4 },
        { id: ids[1], title: 'Опыт наставничества', scaleMax: 10, n: 2, average: 7, min: 6, max: 8 },
      ],
      total: { scaleMax: 15, n: 2, average: 10.5, min: 10, max: 11 },
      submitted: 2,
      assigned: 3,
      missing: ['Иванов И. И.'],
    }
    expect(board[0].scores).toEqual(expected)

    type AppPage = Awaited<ReturnType<typeof applicationLoader>>
    const staff = (await get<AppPage>(applicationLoader, s.secretary, `/applications/${s.app}`, { id: String(s.app) })) as AppPage
    expect(staff.reviewScores).toEqual(expected)
    const coordinatorView = (await get<AppPage>(applicationLoader, s.coordinator, `/applications/${s.app}`, { id: String(s.app) })) as AppPage
    expect(coordinatorView.reviewScores).toEqual(expected)
    const reviewer = (await get<AppPage>(applicationLoader, s.reviewers[2], `/applications/${s.app}`, { id: String(s.app) })) as AppPage
    expect(reviewer.reviewScores).toBeNull()
  })

  it('leaves a campaign without criteria as before: one overall score or none, no figures', async () => {
    const s = await reviewSetup()
    const [m1, m2] = s.reviewers
    const noForm = replyOf(await post(reviewsAction, m1, '/reviews', { ...review(s.app, [1], [3]) }))
    expect(noForm).toMatchObject({ status: 400, code: 'NO_RUBRIC' })
    expect(statusOf(await post(reviewsAction, m1, '/reviews', { intent: 'review', applicationId: s.app, recommendation: 'recommend' }))).toBe(302)
    await db()`update campaigns set rubric_max = 10 where id = ${s.region.campaignId}`
    const tooHigh = replyOf(await post(reviewsAction, m2, '/reviews', { intent: 'review', applicationId: s.app, recommendation: 'reject', score: 11 }))
    expect(tooHigh).toMatchObject({ status: 400, code: 'INVALID_SCORE' })
    expect(statusOf(await post(reviewsAction, m2, '/reviews', { intent: 'review', applicationId: s.app, recommendation: 'reject', score: 9 }))).toBe(302)

    const board = ((await get<Awaited<ReturnType<typeof commissionLoader>>>(commissionLoader, s.secretary, '/commission')) as Awaited<ReturnType<typeof commissionLoader>>)
      .board
    expect(board[0].scores).toBeNull()
    expect(Object.fromEntries(board[0].reviewers.map((r) => [r.name, [r.submitted, r.score]]))).toEqual({
      'Петров П. П.': [true, null],
      'Сидорова А. А.': [true, 9],
      'Иванов И. И.': [false, null],
    })
    const mine = (await get<Awaited<ReturnType<typeof reviewsLoader>>>(reviewsLoader, m2, '/reviews')) as Awaited<ReturnType<typeof reviewsLoader>>
    expect(mine.assignments[0]).toMatchObject({ criteria: [], rubricMax: 10, score: 9 })
  })
})

describe('the pages without JavaScript', () => {
  it('says the largest total with its noun agreeing: «15 баллов», «21 балл»', async () => {
    const s = await reviewSetup()
    await twoCriteria(s.region, s.coordinator)
    const editor = { loader: (args: Parameters<typeof formRoute.loader>[0]) => formRoute.loader({ ...args, params: params(s.region) }), default: formRoute.default }
    const render = async () => renderRoute(editor, `http://localhost${page(s.region)}`, { Cookie: await cookieFor(s.coordinator) })
    expect(await render()).toContain('Критериев: 2, наибольший итог — 15 баллов.')
    await editorPost(s.region, s.coordinator, { intent: 'addCriterion', title: 'Публикации', description: '', scaleMax: 6 })
    expect(await render()).toContain('Критериев: 3, наибольший итог — 21 балл.')
  })

  it('render the editor’s forms, the reviewer’s criteria and the secretary’s figures as plain HTML', async () => {
    const s = await reviewSetup()
    const ids = await twoCriteria(s.region, s.coordinator)
    // renderRoute matches the literal path: the route's :id is passed here.
    const editor = { loader: (args: Parameters<typeof formRoute.loader>[0]) => formRoute.loader({ ...args, params: params(s.region) }), default: formRoute.default }
    const html = await renderRoute(editor, `http://localhost${page(s.region)}`, { Cookie: await cookieFor(s.coordinator) })
    expect(html).toContain('1. Методическая ценность')
    expect(html).toContain(`<input type="hidden" name="criterionId" value="${ids[1]}"/>`)
    for (const label of ['Добавить критерий', 'Сохранить критерий', '↓ Ниже', '↑ Выше', 'Удалить критерий', 'Название критерия', 'Максимальный балл']) expect(html).toContain(label)
    expect(html).toMatch(/name="scaleMax"/)
    expect(html).toContain('Критериев: 2, наибольший итог — 15 баллов.')

    const reviewer = await renderRoute(reviewsRoute, 'http://localhost/reviews', { Cookie: await cookieFor(s.reviewers[0]) })
    expect(reviewer).toContain('Методическая ценность (от 0 до 5)')
    expect(reviewer).toContain('Насколько разработки применимы в других школах')
    expect(reviewer).toMatch(/name="scores\[1\]\.score"[^>]*max="10"/)
    expect(reviewer).toContain(`name="scores[0].criterionId" value="${ids[0]}"`)

    await post(reviewsAction, s.reviewers[0], '/reviews', review(s.app, ids, [3, 8]))
    await post(reviewsAction, s.reviewers[1], '/reviews', review(s.app, ids, [4, 6]))
    const board = await renderRoute(commissionRoute, 'http://localhost/commission', { Cookie: await cookieFor(s.secretary) })
    expect(board).toContain('Методическая ценность: 3,5 (3–4) из 5')
    expect(board).toContain('Итого: 10,5 (10–11) из 15')
    expect(board).toContain('Иванов И. И.')
  })

  it('say a refusal for a criterion no longer on the page (removed in another tab) once, above the cards', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const [first] = await twoCriteria(region, coordinator)
    expect(statusOf(await editorPost(region, coordinator, { intent: 'removeCriterion', criterionId: first }))).toBe(302)
    const headers = { Cookie: await cookieFor(coordinator) }
    const forms: Record<string, string | number>[] = [
      { intent: 'removeCriterion', criterionId: first },
      { intent: 'moveCriterion', criterionId: first, direction: 'down' },
      { intent: 'updateCriterion', criterionId: first, title: 'Методическая ценность', description: '', scaleMax: 5 },
    ]
    for (const form of forms) {
      const stale = await renderAfterPost(formRoute, `http://localhost${page(region)}`, form, headers, '/campaigns/manage/:id/review-form')
      expect(stale.status).toBe(404)
      expect(stale.html).toMatch(/<div aria-live="polite"><p class="alert" role="alert">Такого критерия нет в форме отзыва этого отбора\.<\/p><\/div><section class="card" aria-labelledby="criterion-/)
      expect(stale.html.split('Такого критерия нет')).toHaveLength(2)
    }
  })
})
