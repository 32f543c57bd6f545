import { assign, setup } from 'xstate'
import type { Permission } from '~/model/permissions'
import { TERM_END_GROUND } from '~/model/leaving-grounds'
import { notify } from './notify'

/** `ground`: the code of the region's ground for leaving (app/model/leaving-grounds.ts); absent in rows made before it existed. */
export type MemberContext = { reason: string | null; orderId: number | null; ground?: string | null }

// A suspension or an exclusion names a ground from the region's list and an
// order (issue 10 §4.1); the free-text reason is an optional comment. The end
// of a term cites the order that set the term (the admitting order, for the
// scheduled job) or the coordinator's order of change; its ground is always
// the end of term.
export type MemberEvent =
  | { type: 'SUSPEND'; ground: string; reason?: string; orderId: number }
  | { type: 'RESUME'; orderId: number }
  | { type: 'EXCLUDE'; ground: string; reason?: string; orderId: number }
  | { type: 'EXPIRE'; orderId: number }

// Still member@1: the states are the same and the context only gained an
// optional key, so stored snapshots restore unchanged (decision 0002).
export const memberMachineVersion = 'member@1'

const expire = {
  guard: 'hasOrder',
  target: 'expired',
  actions: ['recordOrder', { type: 'notify', params: { template: 'termExpired', to: 'member' } }],
} as const


// Every change of the composition is made by an order (PRODUCT §1.6); the
// `public` flag is not a state: it follows the dissemination consent.
export const memberMachine = setup({
  types: { context: {} as MemberContext, events: {} as MemberEvent },
  actions: {
    notify,
    recordOrder: assign(({ event }) => ({
      reason: 'reason' in event && typeof event.reason === 'string' && event.reason.trim() !== '' ? event.reason : null,
      orderId: event.orderId,
      ground: event.type === 'EXPIRE' ? TERM_END_GROUND : 'ground' in event ? event.ground : null,
    })),
  },
  guards: {
    groundAndOrder: ({ event }) =>
      (event.type === 'EXCLUDE' || event.type === 'SUSPEND') && typeof event.ground === 'string' && event.ground.trim().length > 0 && event.orderId > 0,
    hasOrder: ({ event }) => (event.type === 'RESUME' || event.type === 'EXPIRE') && Number.isInteger(event.orderId) && event.orderId > 0,
  },
}).createMachine({
  id: 'member',
  context: { reason: null, orderId: null, ground: null },
  initial: 'active',
  states: {
    active: {
      on: {
        SUSPEND: {
          guard: 'groundAndOrder',
          target: 'suspended',
          actions: ['recordOrder', { type: 'notify', params: { template: 'suspended', to: 'member' } }],
        },
        EXCLUDE: {
          guard: 'groundAndOrder',
          target: 'excluded',
          actions: ['recordOrder', { type: 'notify', params: { template: 'excluded', to: 'member' } }],
        },
        EXPIRE: expire,
      },
    },
    suspended: {
      on: {
        RESUME: { guard: 'hasOrder', target: 'active', actions: ['recordOrder', { type: 'notify', params: { template: 'resumed', to: 'member' } }] },
        EXCLUDE: {
          guard: 'groundAndOrder',
          target: 'excluded',
          actions: ['recordOrder', { type: 'notify', params: { template: 'excluded', to: 'member' } }],
        },
        EXPIRE: expire,
      },
    },
    excluded: { type: 'final' },
    expired: { type: 'final' },
  },
})

export const memberStates = ['active', 'suspended', 'excluded', 'expired'] as const
export type MemberState = (typeof memberStates)[number]

export const memberEventPermissions: Record<MemberEvent['type'], Permission | 'system'> = {
  SUSPEND: 'roster:change',
  RESUME: 'roster:change',
  EXCLUDE: 'roster:change',
  EXPIRE: 'roster:change',
}
