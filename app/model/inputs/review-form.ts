import { z } from 'zod'
import { blank } from '~/model/inputs/orders'

// The regional coordinator's editor of a campaign's review form: one small
// form per change (add, edit, move, remove), so every button works without
// JavaScript. Messages in Russian.

export const MAX_CRITERIA = 20

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message)
const criterionId = id('Не выбран критерий')
const scaleMessage = 'Максимальный балл — целое число от 1 до 100'

const criterionFields = {
  title: z.string({ error: 'Укажите название критерия' }).trim().min(1, 'Укажите название критерия').max(200, 'Название не длиннее 200 знаков'),
  description: z
    .string()
    .trim()
    .max(2000, 'Описание не длиннее 2000 знаков')
    .optional()
    .transform((s) => s ?? ''),
  scaleMax: z.preprocess(blank, z.coerce.number({ error: 'Укажите максимальный балл' }).int(scaleMessage).min(1, scaleMessage).max(100, scaleMessage)),
}

export const addCriterionSchema = z.object({ intent: z.literal('addCriterion'), ...criterionFields })
export const updateCriterionSchema = z.object({ intent: z.literal('updateCriterion'), criterionId, ...criterionFields })
export const removeCriterionSchema = z.object({ intent: z.literal('removeCriterion'), criterionId })
export const moveCriterionSchema = z.object({
  intent: z.literal('moveCriterion'),
  criterionId,
  direction: z.enum(['up', 'down'], { error: 'Неверное направление' }),
})

export const reviewFormActionSchema = z.discriminatedUnion('intent', [addCriterionSchema, updateCriterionSchema, removeCriterionSchema, moveCriterionSchema])
export type ReviewFormAction = z.infer<typeof reviewFormActionSchema>
export type CriterionInput = Pick<z.infer<typeof addCriterionSchema>, 'title' | 'description' | 'scaleMax'>
