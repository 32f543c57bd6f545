import { z } from 'zod'
import { confirmed } from '~/model/inputs/confirm'
import { blank } from '~/model/inputs/orders'
import { roles, roleTable } from '~/model/permissions'

// The forms of a person's page (/people/<id>): add a role, take one away,
// switch the account off or on. The role's scope decides which place the
// form must name: a municipality, a commission, or neither.

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message)
const optionalId = (message: string) => z.preprocess(blank, id(message).optional())

export const peopleText = {
  role: 'Выберите роль',
  municipality: 'Выберите муниципалитет для этой роли',
  commission: 'Выберите комиссию для этой роли',
}

export const addGrantSchema = z
  .object({
    intent: z.literal('grant'),
    role: z.enum(roles, peopleText.role),
    municipalityId: optionalId(peopleText.municipality),
    commissionId: optionalId(peopleText.commission),
  })
  .superRefine((f, ctx) => {
    const scope = roleTable[f.role].scope
    if (scope === 'municipality' && !f.municipalityId) ctx.addIssue({ code: 'custom', path: ['municipalityId'], message: peopleText.municipality })
    if (scope === 'commission' && !f.commissionId) ctx.addIssue({ code: 'custom', path: ['commissionId'], message: peopleText.commission })
  })
export type AddGrant = z.infer<typeof addGrantSchema>

export const removeGrantSchema = z.object({ intent: z.literal('revoke'), grantId: id('Неверная роль'), confirmed })

export const accountStateSchema = z.object({ intent: z.enum(['deactivate', 'activate'], 'Неизвестное действие'), confirmed })
