import { assign, setup } from 'xstate'
import type { Permission } from '~/model/permissions'
import { notify } from './notify'

// The yearly indicator report (issue 10 §2.5): the regional coordinator fills
// it in and sends it to the commission («на утверждение комиссией»); the
// secretary puts it on a meeting's agenda (a motion, app/domain/motions.server.ts)
// and the meeting's vote approves it or returns it; a returned report is
// corrected in draft and sent again. The agenda and decision events are the
// app's own (system): the commission acts through the meeting, not on the row.

export type IndicatorReportContext = { returnReason: string | null }

export type IndicatorReportEvent =
  | { type: 'SUBMIT' }
  | { type: 'WITHDRAW' }
  | { type: 'PUT_ON_AGENDA' }
  | { type: 'TAKE_OFF_AGENDA' }
  | { type: 'APPROVE' }
  | { type: 'RETURN'; reason: string }
  | { type: 'REWORK' }

export const indicatorReportMachineVersion = 'indicatorReport@1'

export const indicatorReportMachine = setup({
  types: { context: {} as IndicatorReportContext, events: {} as IndicatorReportEvent },
  actions: {
    notify,
    recordReturn: assign(({ event }) => ({ returnReason: event.type === 'RETURN' ? event.reason.trim() : null })),
    clearReturn: assign({ returnReason: null }),
  },
  guards: { hasReason: ({ event }) => event.type === 'RETURN' && event.reason.trim().length > 0 },
}).createMachine({
  id: 'indicatorReport',
  context: { returnReason: null },
  initial: 'draft',
  states: {
    draft: {
      on: { SUBMIT: { target: 'submitted', actions: { type: 'notify', params: { template: 'reportSubmitted', to: 'secretary' } } } },
    },
    submitted: {
      on: {
        // the secretary was asked to put it on an agenda: they hear it was taken back
        WITHDRAW: { target: 'draft', actions: { type: 'notify', params: { template: 'reportWithdrawn', to: 'secretary' } } },
        PUT_ON_AGENDA: 'onAgenda',
      },
    },
    onAgenda: {
      on: {
        TAKE_OFF_AGENDA: 'submitted',
        APPROVE: { target: 'approved', actions: ['clearReturn', { type: 'notify', params: { template: 'reportApproved', to: 'coordinator' } }] },
        RETURN: { guard: 'hasReason', target: 'returned', actions: ['recordReturn', { type: 'notify', params: { template: 'reportReturned', to: 'coordinator' } }] },
      },
    },
    returned: { on: { REWORK: 'draft' } },
    approved: { type: 'final' },
  },
})

export const indicatorReportStates = ['draft', 'submitted', 'onAgenda', 'returned', 'approved'] as const
export type IndicatorReportState = (typeof indicatorReportStates)[number]

export const indicatorReportEventPermissions: Record<IndicatorReportEvent['type'], Permission | 'system'> = {
  SUBMIT: 'report:manage',
  WITHDRAW: 'report:manage',
  REWORK: 'report:manage',
  PUT_ON_AGENDA: 'system',
  TAKE_OFF_AGENDA: 'system',
  APPROVE: 'system',
  RETURN: 'system',
}
