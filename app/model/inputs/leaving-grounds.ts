import { z } from 'zod'

// The region's grounds for leaving the active (/settings/grounds): rename,
// take off the list or put back, add. Every form also carries the hidden
// `region` (its code), read by the action before the schema.

const code = z.string({ error: 'Неизвестное основание' }).regex(/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/, 'Неизвестное основание')
const label = z.string({ error: 'Укажите основание' }).trim().min(3, 'Укажите основание').max(200, 'Не более 200 знаков')

export const addGroundSchema = z.object({ intent: z.literal('addGround'), label })
export const renameGroundSchema = z.object({ intent: z.literal('renameGround'), code, label })
export const toggleGroundSchema = z.object({ intent: z.literal('toggleGround'), code, active: z.enum(['yes', 'no'], 'Неизвестное действие').transform((v) => v === 'yes') })

export const groundActionSchema = z.discriminatedUnion('intent', [addGroundSchema, renameGroundSchema, toggleGroundSchema])
export type GroundAction = z.infer<typeof groundActionSchema>
