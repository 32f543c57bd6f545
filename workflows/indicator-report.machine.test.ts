import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import { indicatorReportMachine, indicatorReportStates, type IndicatorReportEvent } from './indicator-report.machine'
import { eventsInState } from './snapshot'

// Every state × every event of the yearly indicator report, against a table
// written by hand from issue 10 §2.5: draft → submitted («на утверждение
// комиссией») → onAgenda → approved | returned → draft.

const events: IndicatorReportEvent[] = [
  { type: 'SUBMIT' },
  { type: 'WITHDRAW' },
  { type: 'PUT_ON_AGENDA' },
  { type: 'TAKE_OFF_AGENDA' },
  { type: 'APPROVE' },
  { type: 'RETURN', reason: 'Не подтверждён показатель 2' },
  { type: 'REWORK' },
]

const table: Record<string, Record<string, string>> = {
  draft: { SUBMIT: 'submitted' },
  submitted: { WITHDRAW: 'draft', PUT_ON_AGENDA: 'onAgenda' },
  onAgenda: { TAKE_OFF_AGENDA: 'submitted', APPROVE: 'approved', RETURN: 'returned' },
  returned: { REWORK: 'draft' },
  approved: {},
}

const ctx = { returnReason: null }

describe('indicator report machine', () => {
  it('covers every state in the table', () => {
    expect(Object.keys(table).sort()).toEqual([...indicatorReportStates].sort())
  })

  const cases = indicatorReportStates.flatMap((state) => events.map((event) => [state, event.type, event] as const))
  it.each(cases)('%s + %s', (state, _type, event) => {
    const snapshot = indicatorReportMachine.resolveState({ value: state, context: ctx })
    const expected = table[state][event.type]
    expect(snapshot.can(event)).toBe(expected !== undefined)
    if (expected) expect(transition(indicatorReportMachine, snapshot, event)[0].value).toBe(expected)
  })

  it('refuses a return without the decision and keeps it until the report is approved', () => {
    const onAgenda = indicatorReportMachine.resolveState({ value: 'onAgenda', context: ctx })
    expect(onAgenda.can({ type: 'RETURN', reason: ' ' })).toBe(false)
    const [returned] = transition(indicatorReportMachine, onAgenda, { type: 'RETURN', reason: ' Доработать ' })
    expect(returned.context.returnReason).toBe('Доработать')
    const [draft] = transition(indicatorReportMachine, returned, { type: 'REWORK' })
    expect(draft.context.returnReason).toBe('Доработать')
    const again = indicatorReportMachine.resolveState({ value: 'onAgenda', context: draft.context })
    expect(transition(indicatorReportMachine, again, { type: 'APPROVE' })[0].context.returnReason).toBeNull()
  })

  it('returns notify actions for the secretary and the coordinators instead of sending anything', () => {
    const draft = indicatorReportMachine.resolveState({ value: 'draft', context: ctx })
    const [, sent] = transition(indicatorReportMachine, draft, { type: 'SUBMIT' })
    expect(sent.filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([{ template: 'reportSubmitted', to: 'secretary' }])
    const submitted = indicatorReportMachine.resolveState({ value: 'submitted', context: ctx })
    expect(transition(indicatorReportMachine, submitted, { type: 'WITHDRAW' })[1].filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([
      { template: 'reportWithdrawn', to: 'secretary' },
    ])
    const onAgenda = indicatorReportMachine.resolveState({ value: 'onAgenda', context: ctx })
    expect(transition(indicatorReportMachine, onAgenda, { type: 'APPROVE' })[1].filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([
      { template: 'reportApproved', to: 'coordinator' },
    ])
  })

  it('lists the events of a state for the UI', () => {
    expect(eventsInState('indicatorReport', 'onAgenda').sort()).toEqual(['APPROVE', 'RETURN', 'TAKE_OFF_AGENDA'])
    expect(eventsInState('indicatorReport', 'approved')).toEqual([])
  })
})
