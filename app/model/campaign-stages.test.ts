import { describe, expect, it } from 'vitest'
import { daysUntil, deadlinePhrase, pluralDays, reminderKind, stageOrderIssues, stageUnderWay } from './campaign-stages'
import { campaignCreateSchema, campaignDeadlinesSchema } from './inputs/coordinator'

// Chelyabinsk's plan (protocol № 20): applications to 16.06, screening to 30.06, the line-up by 15.09.
const chelyabinsk = { closesOn: '2026-06-16', screeningUntil: '2026-06-30', reviewUntil: '2026-08-20', meetingOn: '2026-09-01', decisionUntil: '2026-09-15' }

describe('stage deadlines', () => {
  it('accepts stages in order, equal days included, and any of them left unset', () => {
    expect(stageOrderIssues({ opensOn: '2026-06-01', ...chelyabinsk })).toEqual([])
    expect(stageOrderIssues({ closesOn: '2026-06-16', screeningUntil: '2026-06-16', decisionUntil: '2026-09-15' })).toEqual([])
    expect(stageOrderIssues({})).toEqual([])
  })

  it('puts the Russian message on the later field, naming the earlier stage it precedes', () => {
    expect(stageOrderIssues({ ...chelyabinsk, screeningUntil: '2026-06-10' })).toEqual([
      { path: 'screeningUntil', message: 'Проверка заявлений не может завершиться раньше окончания приёма заявлений (16.06.2026)' },
    ])
    // an unset stage is skipped: the meeting is compared with the screening
    expect(stageOrderIssues({ screeningUntil: '2026-06-30', meetingOn: '2026-06-29' })).toEqual([
      { path: 'meetingOn', message: 'Заседание комиссии не может быть раньше срока проверки заявлений (30.06.2026)' },
    ])
    expect(stageOrderIssues({ opensOn: '2026-07-01', closesOn: '2026-06-16' })[0]).toEqual({ path: 'closesOn', message: 'Приём не может завершиться раньше, чем начнётся' })
  })

  it('the forms’ schemas refuse a decision before the meeting on the decision field and a date that is not a day', () => {
    const create = campaignCreateSchema.safeParse({ title: 'Отбор 2026', ruleSetId: '1', commissionId: '1', ...chelyabinsk, decisionUntil: '2026-08-31' })
    expect(create.success).toBe(false)
    expect(create.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['decisionUntil', 'Решение министерства не может быть раньше заседания комиссии (01.09.2026)'],
    ])
    const edit = campaignDeadlinesSchema.safeParse({ intent: 'deadlines', reviewUntil: '2026-02-30' })
    expect(edit.success).toBe(false)
    expect(edit.error!.issues[0].path).toEqual(['reviewUntil'])
    const ok = campaignDeadlinesSchema.parse({ intent: 'deadlines', ...chelyabinsk, opensOn: '' })
    expect(ok).toEqual({ intent: 'deadlines', ...chelyabinsk })
  })

  it('reminds from three days before, on the day, and not after', () => {
    expect(reminderKind('2026-06-12', '2026-06-16')).toBeNull()
    expect(reminderKind('2026-06-13', '2026-06-16')).toBe('before')
    expect(reminderKind('2026-06-15', '2026-06-16')).toBe('before')
    expect(reminderKind('2026-06-16', '2026-06-16')).toBe('due')
    expect(reminderKind('2026-06-17', '2026-06-16')).toBeNull()
  })

  it('a stage is under way from the opening until the campaign moves past it', () => {
    expect(stageUnderWay('applications', 'draft')).toBe(false)
    expect(stageUnderWay('applications', 'open')).toBe(true)
    expect(stageUnderWay('applications', 'closed')).toBe(false)
    expect(stageUnderWay('review', 'inReview')).toBe(true)
    expect(stageUnderWay('review', 'atMinistry')).toBe(false)
    expect(stageUnderWay('decision', 'atMinistry')).toBe(true)
    expect(stageUnderWay('decision', 'approved')).toBe(false)
    expect(stageUnderWay('meeting', 'archived')).toBe(false)
  })

  it('says when in Russian: «Срок — 16 июня», today, «просрочено на 3 дня»', () => {
    expect(deadlinePhrase('2026-06-16', '2026-06-10')).toBe('Срок — 16 июня')
    expect(deadlinePhrase('2026-06-16', '2026-06-16')).toBe('Срок — сегодня, 16 июня')
    expect(deadlinePhrase('2026-06-16', '2026-06-19')).toBe('Срок — 16 июня, просрочено на 3 дня')
    expect(deadlinePhrase('2027-01-15', '2026-12-20')).toBe('Срок — 15 января 2027 г.')
    expect(daysUntil('2026-12-31', '2027-01-01')).toBe(1)
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111].map(pluralDays)).toEqual([
      '1 день', '2 дня', '5 дней', '11 дней', '12 дней', '21 день', '22 дня', '25 дней', '111 дней',
    ])
  })
})
