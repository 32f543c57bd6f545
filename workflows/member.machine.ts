import { assign, setup } from 'xstate'
import type { Permission } from '~/model/permissions'
import { notify } from './notify'

export type MemberContext = { reason: string | null; orderId: number | null }

export type MemberEvent =
  | { type: 'SUSPEND'; reason: string; orderId: number }
  | { type: 'RESUME'; orderId: number }
  | { type: 'EXCLUDE'; reason: string; orderId: number }
  | { type: 'EXPIRE' }

export const memberMachineVersion = 'member@1'


// Every change of the composition is made by an order (PRODUCT §1.6); the
// `public` flag is not a state: it follows the dissemination consent.
export const memberMachine = setup({
  types: { context: {} as MemberContext, events: {} as MemberEvent },
  actions: {
    notify,
    recordOrder: assign(({ event }) => ({
      reason: 'reason' in event ? event.reason : null,
      orderId: 'orderId' in event ? event.orderId : null,
    })),
  },
  guards: {
    reasonAndOrder: ({ event }) =>
      (event.type === 'EXCLUDE' || event.type === 'SUSPEND') && event.reason.trim().length > 0 && event.orderId > 0,
    hasOrder: ({ event }) => event.type === 'RESUME' && event.orderId > 0,
  },
}).createMachine({
  id: 'member',
  context: { reason: null, orderId: null },
  initial: 'active',
  states: {
    active: {
      on: {
        SUSPEND: { guard: 'reasonAndOrder', target: 'suspended', actions: 'recordOrder' },
        EXCLUDE: {
          guard: 'reasonAndOrder',
          target: 'excluded',
          actions: ['recordOrder', { type: 'notify', params: { template: 'excluded', to: 'member' } }],
        },
        EXPIRE: 'expired',
      },
    },
    suspended: {
      on: {
        RESUME: { guard: 'hasOrder', target: 'active', actions: 'recordOrder' },
        EXCLUDE: {
          guard: 'reasonAndOrder',
          target: 'excluded',
          actions: ['recordOrder', { type: 'notify', params: { template: 'excluded', to: 'member' } }],
        },
        EXPIRE: 'expired',
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
