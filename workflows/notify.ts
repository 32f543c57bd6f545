/**
 * Machines declare notifications as the `notify` action with these params;
 * they never send anything. The transition service turns each returned
 * action into outbox rows after computing the transition.
 */
// Who a notification goes to; the outbox resolves each to addresses.
import type { Recipient } from '../db/queries/outbox.server'
export type { Recipient }

export type NotifyParams = { template: string; to: Recipient }

// why: the implementation is never run: transition() returns the action and
// the transition service turns it into an outbox row.
export const notify = (_: unknown, _params: NotifyParams) => {}
