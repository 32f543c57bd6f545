import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import { appealMachine, appealStates, type AppealEvent } from './appeal.machine'
import { eventsInState } from './snapshot'

// Every state × every event of an appeal, against a table written by hand
// from issue 10 §5: filed → onAgenda → upheld | dismissed; withdrawn while
// it waits for a meeting.

const events: AppealEvent[] = [
  { type: 'FILE' },
  { type: 'WITHDRAW' },
  { type: 'SCHEDULE', meetingId: 7, meetingAt: '2026-12-01T05:00:00.000Z' },
  { type: 'UNSCHEDULE' },
  { type: 'UPHOLD', decision: 'Апелляцию удовлетворить.' },
  { type: 'DISMISS', reason: 'Доводы не подтверждены' },
]

const table: Record<string, Record<string, string>> = {
  draft: { FILE: 'filed' },
  filed: { SCHEDULE: 'onAgenda', WITHDRAW: 'withdrawn' },
  onAgenda: { UNSCHEDULE: 'filed', UPHOLD: 'upheld', DISMISS: 'dismissed' },
  upheld: {},
  dismissed: {},
  withdrawn: {},
}

const ctx = { meetingId: null, meetingAt: null, decision: null }

describe('appeal machine', () => {
  it('covers every state in the table', () => {
    expect(Object.keys(table).sort()).toEqual([...appealStates].sort())
  })

  const cases = appealStates.flatMap((state) => events.map((event) => [state, event.type, event] as const))
  it.each(cases)('%s + %s', (state, _type, event) => {
    const snapshot = appealMachine.resolveState({ value: state, context: ctx })
    const expected = table[state][event.type]
    expect(snapshot.can(event)).toBe(expected !== undefined)
    if (expected) expect(transition(appealMachine, snapshot, event)[0].value).toBe(expected)
  })

  it('needs a meeting to go on the agenda and a reason to be dismissed', () => {
    const filed = appealMachine.resolveState({ value: 'filed', context: ctx })
    expect(filed.can({ type: 'SCHEDULE', meetingId: 0, meetingAt: '' })).toBe(false)
    const onAgenda = appealMachine.resolveState({ value: 'onAgenda', context: { ...ctx, meetingId: 7 } })
    expect(onAgenda.can({ type: 'DISMISS', reason: '  ' })).toBe(false)
  })

  it('keeps the meeting while on the agenda, forgets it when taken off, and keeps the decision', () => {
    const filed = appealMachine.resolveState({ value: 'filed', context: ctx })
    const [onAgenda] = transition(appealMachine, filed, { type: 'SCHEDULE', meetingId: 7, meetingAt: '2026-12-01T05:00:00.000Z' })
    expect(onAgenda.context).toMatchObject({ meetingId: 7, meetingAt: '2026-12-01T05:00:00.000Z' })
    const [off] = transition(appealMachine, onAgenda, { type: 'UNSCHEDULE' })
    expect(off.context).toMatchObject({ meetingId: null, meetingAt: null })
    const [dismissed] = transition(appealMachine, onAgenda, { type: 'DISMISS', reason: ' Доводы не подтверждены ' })
    expect(dismissed.context.decision).toBe('Доводы не подтверждены')
    expect(dismissed.status).toBe('done')
  })

  it('writes to the applicant at each step and tells the secretary of a new appeal', () => {
    const letters = (state: string, event: AppealEvent) =>
      transition(appealMachine, appealMachine.resolveState({ value: state, context: ctx }), event)[1]
        .filter((a) => a.type === 'notify')
        .map((a) => a.params)
    expect(letters('draft', { type: 'FILE' })).toEqual([
      { template: 'appealFiled', to: 'applicant' },
      { template: 'appealWaiting', to: 'secretary' },
    ])
    expect(letters('filed', events[2])).toEqual([{ template: 'appealScheduled', to: 'applicant' }])
    expect(letters('onAgenda', events[4])).toEqual([{ template: 'appealUpheld', to: 'applicant' }])
    expect(letters('onAgenda', events[5])).toEqual([{ template: 'appealDismissed', to: 'applicant' }])
    // the applicant withdrew it themself; the secretary, asked to put it on an agenda, is told
    expect(letters('filed', { type: 'WITHDRAW' })).toEqual([{ template: 'appealWithdrawn', to: 'secretary' }])
    // off the agenda: a letter, unless the meeting only moved (the new date's letter follows)
    expect(letters('onAgenda', { type: 'UNSCHEDULE' })).toEqual([{ template: 'appealUnscheduled', to: 'applicant' }])
    expect(letters('onAgenda', { type: 'UNSCHEDULE', cause: 'cancelled' })).toEqual([{ template: 'appealMeetingCancelled', to: 'applicant' }])
    expect(letters('onAgenda', { type: 'UNSCHEDULE', cause: 'moved' })).toEqual([])
  })

  it('lists the events of a state for the UI', () => {
    expect(eventsInState('appeal', 'filed').sort()).toEqual(['SCHEDULE', 'WITHDRAW'])
    expect(eventsInState('appeal', 'upheld')).toEqual([])
  })
})
