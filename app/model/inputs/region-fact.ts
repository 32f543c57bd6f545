import { z } from 'zod'
import { factKinds } from '~/model/fact-catalogue'
import { blank } from '~/model/inputs/orders'

// The coordinator's form adding a fact to the region's catalogue
// (/rule-sets/facts). Lists are typed one item a line.

const lines = (v: unknown) =>
  typeof v === 'string'
    ? [...new Set(v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean))]
    : v

export const factKindLabels: Record<(typeof factKinds)[number], string> = {
  boolean: 'да или нет',
  number: 'число',
  enum: 'значение из списка',
}

export const regionFactSchema = z
  .object({
    label: z.preprocess(blank, z.string({ error: 'Укажите, какие это сведения' }).trim().min(3, 'Укажите, какие это сведения').max(300, 'Не длиннее 300 символов')),
    kind: z.enum(factKinds, 'Выберите вид сведений'),
    values: z.preprocess(lines, z.array(z.string().max(100, 'Значение не длиннее 100 символов')).max(30, 'Не больше 30 значений')),
    evidence: z.preprocess(lines, z.array(z.string().max(200, 'Не длиннее 200 символов')).max(10, 'Не больше 10 видов документов')),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'enum' && f.values.length < 2) ctx.addIssue({ code: 'custom', path: ['values'], message: 'Перечислите не меньше двух значений, каждое с новой строки' })
  })
export type RegionFactForm = z.infer<typeof regionFactSchema>
