import { describe, expect, it } from 'vitest'
import { applicationStates } from './application.machine'
import { campaignStates } from './campaign.machine'
import { workflows, type Entity } from './definitions'
import { memberStates } from './member.machine'
import { activityStates } from './activity.machine'
import { appealStates } from './appeal.machine'
import { indicatorReportStates } from './indicator-report.machine'
import { eventsInState } from './snapshot'
import { admitBlocker, transitionRefusal } from '~/model/refusals'
import { evaluate, type Facts, type RuleSet } from '~/model/eligibility'

// Every refusal the transition service can give, in every state, for every
// event of every machine, reads as Russian: no event or state identifier.

const states: Record<Entity, readonly string[]> = {
  application: applicationStates,
  campaign: campaignStates,
  member: memberStates,
  activity: activityStates,
  appeal: appealStates,
  indicatorReport: indicatorReportStates,
}
const machineWords = /[A-Za-z_]{3,}/

describe('refusals speak the user’s language', () => {
  for (const entity of Object.keys(workflows) as Entity[]) {
    it(`${entity}: every event in every state`, () => {
      for (const state of states[entity]) {
        for (const event of Object.keys(workflows[entity].eventPermissions)) {
          const message = transitionRefusal(entity, event, state, eventsInState(entity, state).includes(event))
          expect(message, `${event} in ${state}`).toMatch(/^Нельзя [а-яё]/)
          expect(message, `${event} in ${state}`).not.toMatch(machineWords)
          expect(message).not.toContain('выполнить это действие')
        }
      }
    })
  }

  it('names the stage the record is at, and the missing condition when the stage allows the action', () => {
    expect(transitionRefusal('application', 'ADMIT', 'inReview', false)).toBe(
      'Нельзя допустить к рассмотрению комиссией: заявление сейчас на этапе «На рассмотрении комиссии».',
    )
    expect(transitionRefusal('member', 'EXCLUDE', 'active', true)).toBe('Нельзя исключить из актива: не указаны основание и приказ.')
  })
})

describe('why a candidate cannot be admitted yet', () => {
  const ruleSet: RuleSet = {
    code: 'test',
    version: 1,
    title: 'Положение',
    required: [
      { id: 'cat', label: 'Высшая категория', clause: 'п. 1', fact: 'qualificationCategory', test: { op: 'in', values: ['highest'] } },
      { id: 'exp', label: 'Стаж не менее 5 лет', clause: 'п. 2', fact: 'experienceYears', test: { op: 'gte', value: 5 } },
    ],
    groups: [
      {
        id: 'g',
        label: 'Одно из достижений',
        clause: 'п. 3',
        atLeast: 1,
        rules: [{ id: 'gia', label: 'Член комиссии ГИА', clause: 'п. 3.1', fact: 'giaCommission', test: { op: 'isTrue' } }],
      },
    ],
  }
  const facts = (verified: boolean): Facts => ({
    qualificationCategory: { value: 'highest', verified, source: 'self' },
    experienceYears: { value: 12, verified: false, source: 'self' },
    giaCommission: { value: true, verified: true, source: 'evidence' },
  })

  it('lists the claims that still wait for documents', () => {
    const f = facts(false)
    expect(admitBlocker(evaluate(f, ruleSet), ruleSet, f)).toBe(
      'Нельзя допустить к рассмотрению комиссией: не подтверждены сведения: квалификационная категория, стаж по специальности.',
    )
  })

  it('names the failed requirements, and nothing once all is met', () => {
    const low: Facts = { ...facts(true), experienceYears: { value: 2, verified: true, source: 'evidence' } }
    expect(admitBlocker(evaluate(low, ruleSet), ruleSet, low)).toBe('Нельзя допустить к рассмотрению комиссией: не выполнены требования: стаж не менее 5 лет (п. 2).')
    const all: Facts = { ...facts(true), experienceYears: { value: 12, verified: true, source: 'evidence' } }
    expect(admitBlocker(evaluate(all, ruleSet), ruleSet, all)).toBeNull()
  })
})
