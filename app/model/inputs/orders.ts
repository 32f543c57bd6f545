import { z } from 'zod'

// Fields of an order (приказ) typed into a form; shared by the ministry's
// decision form and the coordinator's roster-change form.

/** '' from an empty input or select means "not given". */
export const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

export const isoDate = (message: string) => z.iso.date(message)

export const orderNumber = z.string().trim().min(1, 'Укажите номер приказа').max(50, 'Слишком длинный номер приказа')
export const orderDate = isoDate('Укажите дату приказа')
export const orderTitle = z.string().trim().min(3, 'Укажите название приказа').max(500, 'Слишком длинное название приказа')

export const newOrderSchema = z.object({ orderNumber, orderDate, orderTitle })

export const formatOrder = (o: { number: string; date: string }) => {
  const [y, m, d] = o.date.split('-')
  return `№ ${o.number} от ${d}.${m}.${y}`
}
