import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { setup } from '../../test/meeting-fixtures'
import { deliverBySmtp } from '../../test/support/mail'
import { addReviewer, declareConflict } from './commission.server'

// A member who declares a conflict of interest is recused at once; the
// secretary, who assigns reviewers and prepares the vote, is told who, on
// which candidate, why, and whether a review has to be given to someone else.

const lettersOf = (app: number) =>
  db()<{ id: number; role: string; userId: number }[]>`
    select id::int, recipient_role as role, recipient_user_id::int as "userId" from outbox
    where template = 'conflictDeclared' and entity = 'application' and entity_id = ${app} order by id`

describe('the secretary hears of a declared conflict of interest', () => {
  it('names the member, the candidate and the reason, and asks for another reviewer when one was assigned', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const [app] = s.apps
    const [m] = s.members
    await db()`update users set display_name = 'Петрова Анна Сергеевна' where id = ${m.userId}`
    await addReviewer(s.secretary, app, await s.memberId(m))
    await declareConflict(m, { applicationId: app, reason: 'Кандидат — мой родственник' })
    const rows = await lettersOf(app)
    expect(rows.map((r) => [r.role, r.userId])).toEqual([['secretary', s.secretary.userId]])
    const [text] = await deliverBySmtp(rows.map((r) => r.id))
    expect(text).toContain(`Член комиссии Петрова Анна Сергеевна заявила о конфликте интересов по кандидату Тестова Мария Ивановна (заявление № ${app}, отбор «Тестовый отбор»).`)
    expect(text).toContain('> Кандидат — мой родственник')
    expect(text).toContain('назначение снято, назначьте другого рецензента')
    expect(text).toContain(`http://rma.test/applications/${app}`)
    expect(text).not.toMatch(/RECUSAL|declared|inReview|\+7 900/)
  })

  it('without an assignment it asks only to count the recusal; a refused declaration sends nothing', async () => {
    const s = await setup({ members: 1, candidates: 1 })
    const [app] = s.apps
    await declareConflict(s.members[0], { applicationId: app, reason: 'Работали в одной школе' })
    const rows = await lettersOf(app)
    expect(rows).toHaveLength(1)
    const [text] = await deliverBySmtp(rows.map((r) => r.id))
    expect(text).toContain('Учтите отвод при подготовке заседания и подсчёте голосов по кандидату.')
    expect(text).not.toContain('другого рецензента')
    await expect(declareConflict(s.members[0], { applicationId: app, reason: 'Ещё раз' })).rejects.toMatchObject({ code: 'ALREADY_RECUSED' })
    expect(await lettersOf(app)).toHaveLength(1)
  })

  it('a secretary’s own declaration goes to the chair, who presides over the commission and its meeting', async () => {
    const s = await setup({ members: 1, candidates: 1 })
    const [app] = s.apps
    await db()`update users set display_name = 'Иванова Ольга Георгиевна' where id = ${s.secretary.userId}`
    await declareConflict(s.secretary, { applicationId: app, reason: 'Кандидат — моя сестра' })
    const rows = await lettersOf(app)
    expect(rows.map((r) => [r.role, r.userId])).toEqual([['chair', s.chair.userId]])
    const [text] = await deliverBySmtp(rows.map((r) => r.id))
    expect(text).toContain(`Секретарь комиссии Иванова Ольга Георгиевна заявила о конфликте интересов по кандидату Тестова Мария Ивановна (заявление № ${app}, отбор «Тестовый отбор»).`)
    expect(text).toContain('Основание, указанное секретарём комиссии:')
    expect(text).toContain('> Кандидат — моя сестра')
    expect(text).toContain('Учтите отвод при подготовке заседания и подсчёте голосов по кандидату.')
  })
})
