import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import { applicationMachine, applicationStates, type ApplicationEvent } from './application.machine'
import { campaignMachine, campaignStates, type CampaignEvent } from './campaign.machine'
import { memberMachine, memberStates, type MemberEvent } from './member.machine'
import { eventsInState } from './snapshot'

// Every state × every event, against a table written by hand from PRODUCT §4:
// the machine must move exactly where the table says and refuse the rest.

const appEvents: ApplicationEvent[] = [
  { type: 'SUBMIT' },
  { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] },
  { type: 'EVALUATED', eligibility: 'pass', failedRules: [] },
  { type: 'REQUEST_INFO', message: 'Приложите диплом' },
  { type: 'PROVIDE_INFO' },
  { type: 'MARK_INELIGIBLE', reasons: ['Стаж'] },
  { type: 'ADMIT' },
  { type: 'RECOMMEND' },
  { type: 'REJECT' },
  { type: 'DEFER' },
  { type: 'REVIEW_AGAIN' },
  { type: 'SEND_TO_MINISTRY' },
  { type: 'APPROVE' },
  { type: 'RETURN', reason: 'Нет подтверждения' },
  { type: 'PUBLISH' },
  { type: 'WITHDRAW' },
]

const W = { WITHDRAW: 'withdrawn' }
const appTable: Record<string, Record<string, string>> = {
  draft: { SUBMIT: 'submitted', ...W },
  submitted: { START_SCREENING: 'screening', ...W },
  screening: { EVALUATED: 'screening', REQUEST_INFO: 'needsInformation', MARK_INELIGIBLE: 'ineligible', ADMIT: 'inReview', ...W },
  needsInformation: { EVALUATED: 'needsInformation', PROVIDE_INFO: 'screening', ...W },
  ineligible: {},
  inReview: { RECOMMEND: 'recommended', REJECT: 'rejected', DEFER: 'deferred', ...W },
  recommended: { SEND_TO_MINISTRY: 'atMinistry', ...W },
  rejected: {},
  deferred: { REVIEW_AGAIN: 'inReview', ...W },
  atMinistry: { APPROVE: 'approved', RETURN: 'returned', ...W },
  approved: { PUBLISH: 'published', ...W },
  returned: { REVIEW_AGAIN: 'inReview', ...W },
  published: {},
  withdrawn: {},
}

const ctx = { eligibility: 'pass' as const, failedRules: [], infoRequest: null, ineligibleReasons: [], returnReason: null }

describe('application machine', () => {
  it('covers every state in the table', () => {
    expect(Object.keys(appTable).sort()).toEqual([...applicationStates].sort())
  })

  const cases = applicationStates.flatMap((state) => appEvents.map((event) => [state, event.type, event] as const))
  it.each(cases)('%s + %s', (state, type, event) => {
    const snapshot = applicationMachine.resolveState({ value: state, context: ctx })
    const expected = appTable[state][type]
    expect(snapshot.can(event)).toBe(expected !== undefined)
    if (expected) {
      const [next] = transition(applicationMachine, snapshot, event)
      expect(next.value).toBe(expected)
    }
  })

  it('does not admit to review unless eligibility passed', () => {
    for (const eligibility of ['fail', 'unverified', null] as const) {
      const s = applicationMachine.resolveState({ value: 'screening', context: { ...ctx, eligibility } })
      expect(s.can({ type: 'ADMIT' })).toBe(false)
    }
  })

  it('refuses an ineligible decision without reasons, a return without a reason, an empty request', () => {
    const s = applicationMachine.resolveState({ value: 'screening', context: ctx })
    expect(s.can({ type: 'MARK_INELIGIBLE', reasons: [] })).toBe(false)
    expect(s.can({ type: 'REQUEST_INFO', message: '  ' })).toBe(false)
    const m = applicationMachine.resolveState({ value: 'atMinistry', context: ctx })
    expect(m.can({ type: 'RETURN', reason: ' ' })).toBe(false)
  })

  it('records eligibility from the automatic run and the return reason', () => {
    const s = applicationMachine.resolveState({ value: 'submitted', context: { ...ctx, eligibility: null } })
    const [screening] = transition(applicationMachine, s, { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] })
    expect(screening.context.eligibility).toBe('unverified')
    const [later] = transition(applicationMachine, screening, { type: 'EVALUATED', eligibility: 'pass', failedRules: [] })
    expect(later.context.eligibility).toBe('pass')
    const at = applicationMachine.resolveState({ value: 'atMinistry', context: ctx })
    const [returned] = transition(applicationMachine, at, { type: 'RETURN', reason: 'Нет приказа' })
    expect(returned.context.returnReason).toBe('Нет приказа')
  })

  it('returns notify actions instead of running effects', () => {
    const s = applicationMachine.resolveState({ value: 'draft', context: ctx })
    const [, actions] = transition(applicationMachine, s, { type: 'SUBMIT' })
    expect(actions.map((a) => [a.type, a.params])).toEqual([['notify', { template: 'applicationReceived', to: 'applicant' }]])
  })

  it('lists the events of a state for the UI', () => {
    expect(eventsInState('application', 'atMinistry').sort()).toEqual(['APPROVE', 'RETURN', 'WITHDRAW'])
    expect(eventsInState('application', 'published')).toEqual([])
  })
})

const campaignEvents: CampaignEvent[] = [
  { type: 'OPEN' },
  { type: 'CLOSE' },
  { type: 'START_REVIEW' },
  { type: 'SEND_TO_MINISTRY' },
  { type: 'RETURN_TO_COMMISSION', reason: 'Уточнить состав' },
  { type: 'APPROVE' },
  { type: 'PUBLISH' },
  { type: 'ARCHIVE' },
]
const campaignTable: Record<string, Record<string, string>> = {
  draft: { OPEN: 'open' },
  open: { CLOSE: 'closed' },
  closed: { START_REVIEW: 'inReview' },
  inReview: { SEND_TO_MINISTRY: 'atMinistry' },
  atMinistry: { APPROVE: 'approved', RETURN_TO_COMMISSION: 'inReview' },
  approved: { PUBLISH: 'published' },
  published: { ARCHIVE: 'archived' },
  archived: {},
}

describe('campaign machine', () => {
  const cases = campaignStates.flatMap((state) => campaignEvents.map((e) => [state, e.type, e] as const))
  it.each(cases)('%s + %s', (state, type, event) => {
    const snapshot = campaignMachine.resolveState({ value: state, context: {} })
    const expected = campaignTable[state][type]
    expect(snapshot.can(event)).toBe(expected !== undefined)
    if (expected) expect(transition(campaignMachine, snapshot, event)[0].value).toBe(expected)
  })
})

const memberEvents: MemberEvent[] = [
  { type: 'SUSPEND', ground: 'ownRequest', reason: 'Длительный отпуск', orderId: 7 },
  { type: 'RESUME', orderId: 8 },
  { type: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderId: 9 },
  { type: 'EXPIRE', orderId: 3 },
]
const memberTable: Record<string, Record<string, string>> = {
  active: { SUSPEND: 'suspended', EXCLUDE: 'excluded', EXPIRE: 'expired' },
  suspended: { RESUME: 'active', EXCLUDE: 'excluded', EXPIRE: 'expired' },
  excluded: {},
  expired: {},
}
const blankMember = { reason: null, orderId: null, ground: null }

describe('member machine', () => {
  const cases = memberStates.flatMap((state) => memberEvents.map((e) => [state, e.type, e] as const))
  it.each(cases)('%s + %s', (state, type, event) => {
    const snapshot = memberMachine.resolveState({ value: state, context: blankMember })
    const expected = memberTable[state][type]
    expect(snapshot.can(event)).toBe(expected !== undefined)
    if (expected) expect(transition(memberMachine, snapshot, event)[0].value).toBe(expected)
  })

  // The guards, in every state that has the event: without a ground or an order nothing moves.
  const guarded = memberStates.flatMap((state) => memberEvents.filter((e) => memberTable[state][e.type]).map((e) => [state, e.type, e] as const))
  it.each(guarded)('%s + %s without its ground or order is refused', (state, _type, event) => {
    const s = memberMachine.resolveState({ value: state, context: blankMember })
    expect(s.can({ ...event, orderId: 0 } as MemberEvent)).toBe(false)
    if ('ground' in event) {
      expect(s.can({ ...event, ground: '' })).toBe(false)
      expect(s.can({ ...event, ground: '  ' })).toBe(false)
      // the free-text reason is a comment: the ground and the order are what the rule asks for
      expect(s.can({ ...event, reason: '' })).toBe(true)
    }
  })

  it('excluding records the ground, the order and the comment, and writes to the member', () => {
    const s = memberMachine.resolveState({ value: 'active', context: blankMember })
    const [next, actions] = transition(memberMachine, s, { type: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderId: 9 })
    expect(next.context).toEqual({ reason: 'Увольнение', orderId: 9, ground: 'jobChange' })
    expect(actions.filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([{ template: 'excluded', to: 'member' }])
  })

  it('a suspension with no comment keeps no reason; resuming keeps only its order', () => {
    const s = memberMachine.resolveState({ value: 'active', context: blankMember })
    const [suspended] = transition(memberMachine, s, { type: 'SUSPEND', ground: 'ownRequest', reason: ' ', orderId: 7 })
    expect(suspended.context).toEqual({ reason: null, orderId: 7, ground: 'ownRequest' })
    const [resumed] = transition(memberMachine, suspended, { type: 'RESUME', orderId: 8 })
    expect(resumed.context).toEqual({ reason: null, orderId: 8, ground: null })
  })

  it('the end of a term cites its order, takes the end-of-term ground and tells the member', () => {
    const s = memberMachine.resolveState({ value: 'suspended', context: blankMember })
    const [next, actions] = transition(memberMachine, s, { type: 'EXPIRE', orderId: 3 })
    expect(next.value).toBe('expired')
    expect(next.context).toEqual({ reason: null, orderId: 3, ground: 'termEnd' })
    expect(actions.filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([{ template: 'termExpired', to: 'member' }])
  })

  it('a snapshot stored before grounds existed still restores and moves', () => {
    const s = memberMachine.resolveState({ value: 'active', context: { reason: null, orderId: 5 } })
    expect(transition(memberMachine, s, { type: 'EXPIRE', orderId: 5 })[0].value).toBe('expired')
  })
})
