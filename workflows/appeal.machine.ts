import { assign, setup } from 'xstate'
import type { Permission } from '~/model/permissions'
import { notify } from './notify'

// An appeal against «не соответствует требованиям» or «отклонено» (issue 10
// §5, DESIGN §4): the applicant files it within the campaign's appeal period,
// the secretary puts it on a meeting's agenda, and the commission's vote
// decides it: upheld (the application goes back) or dismissed (final, with
// the reason). The applicant may withdraw it while it waits for a meeting.
//
// A row is inserted in `draft` and FILE is sent in the same transaction, so
// no one ever sees a draft; the state exists so that filing is a transition
// (audited, with its letters) like every other step.

export type AppealContext = {
  meetingId: number | null
  /** When the meeting is held (ISO instant), for the letter and the page. */
  meetingAt: string | null
  /** The protocol's wording of the decision, or the reason of a dismissal. */
  decision: string | null
}

export type AppealEvent =
  | { type: 'FILE' }
  | { type: 'WITHDRAW' }
  | { type: 'SCHEDULE'; meetingId: number; meetingAt: string }
  /**
   * Off the agenda of an open meeting before the vote. `cause`: the secretary
   * took it off (`removed`, the default), the meeting was deleted
   * (`cancelled`), or the meeting got another date and the appeal goes on
   * again at once (`moved`: the SCHEDULE that follows writes the letter).
   * `meetingAt` is the meeting's time, for the letter.
   */
  | { type: 'UNSCHEDULE'; cause?: 'removed' | 'cancelled' | 'moved'; meetingAt?: string }
  | { type: 'UPHOLD'; decision: string }
  | { type: 'DISMISS'; reason: string }

export const appealMachineVersion = 'appeal@1'

const toApplicant = (template: string) => ({ type: 'notify' as const, params: { template, to: 'applicant' as const } })

export const appealMachine = setup({
  types: { context: {} as AppealContext, events: {} as AppealEvent },
  actions: {
    notify,
    schedule: assign(({ event }) => (event.type === 'SCHEDULE' ? { meetingId: event.meetingId, meetingAt: event.meetingAt } : {})),
    unschedule: assign({ meetingId: null, meetingAt: null }),
    decide: assign(({ event }) =>
      event.type === 'UPHOLD' ? { decision: event.decision.trim() || null } : event.type === 'DISMISS' ? { decision: event.reason.trim() } : {},
    ),
  },
  guards: {
    hasMeeting: ({ event }) => event.type === 'SCHEDULE' && Number.isInteger(event.meetingId) && event.meetingId > 0,
    hasReason: ({ event }) => event.type === 'DISMISS' && event.reason.trim().length > 0,
    moved: ({ event }) => event.type === 'UNSCHEDULE' && event.cause === 'moved',
    cancelled: ({ event }) => event.type === 'UNSCHEDULE' && event.cause === 'cancelled',
  },
}).createMachine({
  id: 'appeal',
  context: { meetingId: null, meetingAt: null, decision: null },
  initial: 'draft',
  states: {
    draft: {
      on: {
        FILE: { target: 'filed', actions: [toApplicant('appealFiled'), { type: 'notify', params: { template: 'appealWaiting', to: 'secretary' } }] },
      },
    },
    filed: {
      on: {
        SCHEDULE: { guard: 'hasMeeting', target: 'onAgenda', actions: ['schedule', toApplicant('appealScheduled')] },
        // the secretary was asked to put it on an agenda: they hear it is no longer waiting
        WITHDRAW: { target: 'withdrawn', actions: { type: 'notify', params: { template: 'appealWithdrawn', to: 'secretary' } } },
      },
    },
    onAgenda: {
      on: {
        // taken off the agenda before the vote: it waits for another meeting,
        // and the applicant, told the date, hears it no longer holds
        UNSCHEDULE: [
          { guard: 'moved', target: 'filed', actions: 'unschedule' },
          { guard: 'cancelled', target: 'filed', actions: ['unschedule', toApplicant('appealMeetingCancelled')] },
          { target: 'filed', actions: ['unschedule', toApplicant('appealUnscheduled')] },
        ],
        UPHOLD: { target: 'upheld', actions: ['decide', toApplicant('appealUpheld')] },
        DISMISS: { guard: 'hasReason', target: 'dismissed', actions: ['decide', toApplicant('appealDismissed')] },
      },
    },
    upheld: { type: 'final' },
    dismissed: { type: 'final' },
    withdrawn: { type: 'final' },
  },
})

export const appealStates = ['draft', 'filed', 'onAgenda', 'upheld', 'dismissed', 'withdrawn'] as const
export type AppealState = (typeof appealStates)[number]

export const appealEventPermissions: Record<AppealEvent['type'], Permission | 'system'> = {
  FILE: 'appeal:file',
  WITHDRAW: 'appeal:file',
  SCHEDULE: 'meeting:manage',
  UNSCHEDULE: 'meeting:manage',
  UPHOLD: 'meeting:decide',
  DISMISS: 'meeting:decide',
}
