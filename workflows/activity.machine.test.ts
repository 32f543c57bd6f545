import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import { activityMachine, activityStates, type ActivityEvent } from './activity.machine'
import { eventsInState } from './snapshot'

// Every state × every event of a member's activity record, against a table
// written by hand from issue 10 §1.2: draft → submitted → confirmed | returned
// → resubmitted → confirmed | returned; and §1.3: an imported record of an
// event the region held goes from draft straight to confirmed.

const events: ActivityEvent[] = [
  { type: 'SUBMIT' },
  { type: 'CONFIRM' },
  { type: 'RETURN', reason: 'Нет подтверждающего документа' },
  { type: 'RESUBMIT' },
  { type: 'IMPORT', importId: 7, row: 2 },
]

const table: Record<string, Record<string, string>> = {
  draft: { SUBMIT: 'submitted', IMPORT: 'confirmed' },
  submitted: { CONFIRM: 'confirmed', RETURN: 'returned' },
  returned: { RESUBMIT: 'resubmitted' },
  resubmitted: { CONFIRM: 'confirmed', RETURN: 'returned' },
  confirmed: {},
}

const ctx = { returnReason: null }

describe('activity machine', () => {
  it('covers every state in the table', () => {
    expect(Object.keys(table).sort()).toEqual([...activityStates].sort())
  })

  const cases = activityStates.flatMap((state) => events.map((event) => [state, event.type, event] as const))
  it.each(cases)('%s + %s', (state, _type, event) => {
    const snapshot = activityMachine.resolveState({ value: state, context: ctx })
    const expected = table[state][event.type]
    expect(snapshot.can(event)).toBe(expected !== undefined)
    if (expected) expect(transition(activityMachine, snapshot, event)[0].value).toBe(expected)
  })

  it('refuses a return without a reason and keeps the reason of a return until the record is confirmed', () => {
    const submitted = activityMachine.resolveState({ value: 'submitted', context: ctx })
    expect(submitted.can({ type: 'RETURN', reason: '   ' })).toBe(false)
    const [returned] = transition(activityMachine, submitted, { type: 'RETURN', reason: ' Укажите число участников ' })
    expect(returned.context.returnReason).toBe('Укажите число участников')
    const [again] = transition(activityMachine, returned, { type: 'RESUBMIT' })
    expect(again.context.returnReason).toBe('Укажите число участников')
    const [confirmed] = transition(activityMachine, again, { type: 'CONFIRM' })
    expect(confirmed.context.returnReason).toBeNull()
  })

  it('returns notify actions for the coordinators and the member instead of sending anything', () => {
    const draft = activityMachine.resolveState({ value: 'draft', context: ctx })
    const [, submitted] = transition(activityMachine, draft, { type: 'SUBMIT' })
    expect(submitted.filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([
      { template: 'activitySubmitted', to: 'municipality' },
      { template: 'activitySubmitted', to: 'coordinator' },
    ])
    const [, returned] = transition(activityMachine, activityMachine.resolveState({ value: 'submitted', context: ctx }), { type: 'RETURN', reason: 'Нет даты' })
    expect(returned.filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([{ template: 'activityReturned', to: 'member' }])
  })

  it('confirms an imported record only when the event names its import, and tells the member', () => {
    const draft = activityMachine.resolveState({ value: 'draft', context: ctx })
    expect(draft.can({ type: 'IMPORT', importId: 0, row: 2 })).toBe(false)
    expect(draft.can({ type: 'IMPORT', importId: 1.5, row: 2 })).toBe(false)
    const [confirmed, actions] = transition(activityMachine, draft, { type: 'IMPORT', importId: 3, row: 2 })
    expect(confirmed.value).toBe('confirmed')
    expect(actions.filter((a) => a.type === 'notify').map((a) => a.params)).toEqual([{ template: 'activityImported', to: 'member' }])
  })

  it('lists the events of a state for the UI', () => {
    expect(eventsInState('activity', 'submitted').sort()).toEqual(['CONFIRM', 'RETURN'])
    expect(eventsInState('activity', 'confirmed')).toEqual([])
  })
})
