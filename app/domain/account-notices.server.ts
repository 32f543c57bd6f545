import type { Tx } from '../../db/client.server'
import { enqueue } from '../../db/queries/outbox.server'
import type { Role } from '~/model/permissions'

// The person whose roles or access an administrator or a coordinator changed
// hears what changed (app/mail/templates.ts: roleGranted … accountReactivated).
// The row is written in the change's transaction, so a refused change sends
// nothing and the worker sends it only after the commit.

export type AccountNotice =
  | { template: 'roleGranted' | 'roleRevoked'; role: Role; scope: string | null }
  | { template: 'accountDeactivated' | 'accountReactivated' }

export async function tellAccount(user: { id: number; login: string }, regionId: number | null, notice: AccountNotice, t: Tx): Promise<void> {
  const { template, ...payload } = notice
  await enqueue([{ regionId, template, to: { userId: user.id, email: user.login, role: 'account' }, entity: 'user', entityId: user.id, payload }], t)
}
