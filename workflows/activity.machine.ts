import { assign, setup } from 'xstate'
import type { Permission } from '~/model/permissions'
import { notify } from './notify'

// A member's record of methodological work (issue 10 §1.2): the member
// submits it, a coordinator (municipal for the member's municipality, or
// regional) confirms it or returns it with a reason; a returned record is
// corrected and submitted again. Only confirmed records count in the
// evaluation. A coordinator's bulk import of the region's events (§1.3)
// creates each participant's record and confirms it at once (IMPORT): the
// region held the event, so there is nothing for the member to submit.

export type ActivityContext = { returnReason: string | null }

export type ActivityEvent =
  | { type: 'SUBMIT' }
  | { type: 'CONFIRM' }
  | { type: 'RETURN'; reason: string }
  | { type: 'RESUBMIT' }
  | { type: 'IMPORT'; importId: number; row: number }

export const activityMachineVersion = 'activity@1'

export const activityMachine = setup({
  types: { context: {} as ActivityContext, events: {} as ActivityEvent },
  actions: {
    notify,
    recordReturn: assign(({ event }) => ({ returnReason: event.type === 'RETURN' ? event.reason.trim() : null })),
    clearReturn: assign({ returnReason: null }),
  },
  guards: {
    hasReason: ({ event }) => event.type === 'RETURN' && event.reason.trim().length > 0,
    // only the import names its file's log row; the member's own drafts are never confirmed this way
    fromImport: ({ event }) => event.type === 'IMPORT' && Number.isInteger(event.importId) && event.importId > 0,
  },
}).createMachine({
  id: 'activity',
  context: { returnReason: null },
  initial: 'draft',
  states: {
    draft: {
      on: {
        SUBMIT: {
          target: 'submitted',
          actions: [
            { type: 'notify', params: { template: 'activitySubmitted', to: 'municipality' } },
            { type: 'notify', params: { template: 'activitySubmitted', to: 'coordinator' } },
          ],
        },
        IMPORT: { guard: 'fromImport', target: 'confirmed', actions: [{ type: 'notify', params: { template: 'activityImported', to: 'member' } }] },
      },
    },
    submitted: {
      on: {
        CONFIRM: { target: 'confirmed', actions: ['clearReturn', { type: 'notify', params: { template: 'activityConfirmed', to: 'member' } }] },
        RETURN: { guard: 'hasReason', target: 'returned', actions: ['recordReturn', { type: 'notify', params: { template: 'activityReturned', to: 'member' } }] },
      },
    },
    returned: {
      on: {
        RESUBMIT: {
          target: 'resubmitted',
          actions: [
            { type: 'notify', params: { template: 'activitySubmitted', to: 'municipality' } },
            { type: 'notify', params: { template: 'activitySubmitted', to: 'coordinator' } },
          ],
        },
      },
    },
    resubmitted: {
      on: {
        CONFIRM: { target: 'confirmed', actions: ['clearReturn', { type: 'notify', params: { template: 'activityConfirmed', to: 'member' } }] },
        RETURN: { guard: 'hasReason', target: 'returned', actions: ['recordReturn', { type: 'notify', params: { template: 'activityReturned', to: 'member' } }] },
      },
    },
    confirmed: { type: 'final' },
  },
})

export const activityStates = ['draft', 'submitted', 'returned', 'resubmitted', 'confirmed'] as const
export type ActivityState = (typeof activityStates)[number]

export const activityEventPermissions: Record<ActivityEvent['type'], Permission | 'system'> = {
  SUBMIT: 'activity:record',
  RESUBMIT: 'activity:record',
  CONFIRM: 'activity:confirm',
  RETURN: 'activity:confirm',
  IMPORT: 'activity:confirm',
}
