import { setup } from 'xstate'
import type { Permission } from '~/model/permissions'
import { notify } from './notify'

export type CampaignEvent =
  | { type: 'OPEN' }
  | { type: 'CLOSE' }
  | { type: 'START_REVIEW' }
  | { type: 'SEND_TO_MINISTRY' }
  | { type: 'RETURN_TO_COMMISSION'; reason: string }
  | { type: 'APPROVE' }
  | { type: 'PUBLISH' }
  | { type: 'ARCHIVE' }

export const campaignMachineVersion = 'campaign@1'

// Deadlines are data (campaigns.closes_on, review_until); a scheduled job
// sends CLOSE when the date passes, so there is no `after` timer here.
export const campaignMachine = setup({
  types: { context: {} as Record<string, never>, events: {} as CampaignEvent },
  actions: { notify },
  guards: {
    hasReason: ({ event }) => event.type === 'RETURN_TO_COMMISSION' && event.reason.trim().length > 0,
  },
}).createMachine({
  id: 'campaign',
  context: {},
  initial: 'draft',
  states: {
    draft: { on: { OPEN: 'open' } },
    open: { on: { CLOSE: { target: 'closed', actions: { type: 'notify', params: { template: 'campaignClosed', to: 'secretary' } } } } },
    closed: { on: { START_REVIEW: 'inReview' } },
    inReview: {
      on: { SEND_TO_MINISTRY: { target: 'atMinistry', actions: { type: 'notify', params: { template: 'approvalWaiting', to: 'ministry' } } } },
    },
    atMinistry: {
      on: {
        APPROVE: { target: 'approved', actions: { type: 'notify', params: { template: 'ministryDecision', to: 'coordinator' } } },
        RETURN_TO_COMMISSION: {
          guard: 'hasReason',
          target: 'inReview',
          actions: { type: 'notify', params: { template: 'ministryReturned', to: 'secretary' } },
        },
      },
    },
    approved: { on: { PUBLISH: 'published' } },
    published: { on: { ARCHIVE: 'archived' } },
    archived: { type: 'final' },
  },
})

export const campaignStates = ['draft', 'open', 'closed', 'inReview', 'atMinistry', 'approved', 'published', 'archived'] as const
export type CampaignState = (typeof campaignStates)[number]

export const campaignEventPermissions: Record<CampaignEvent['type'], Permission | 'system'> = {
  OPEN: 'campaign:manage',
  CLOSE: 'campaign:manage',
  START_REVIEW: 'campaign:manage',
  SEND_TO_MINISTRY: 'meeting:decide',
  RETURN_TO_COMMISSION: 'approval:decide',
  APPROVE: 'approval:decide',
  PUBLISH: 'roster:publish',
  ARCHIVE: 'campaign:manage',
}
