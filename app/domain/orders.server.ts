import { insertOrder, orderById, type Order, type OrderKind } from '../../db/queries/orders.server'
import type { Db } from '../../db/client.server'
import { AppError } from '../../workflows/errors'
import { formatOrder } from '~/model/inputs/orders'

/** Registers an order of the region; the same number and date twice is refused in Russian. */
export async function createOrder(
  regionId: number,
  o: { number: string; date: string; title: string },
  kind: OrderKind,
  createdBy: number | null,
  tx: Db,
): Promise<number> {
  const id = await insertOrder({ regionId, number: o.number, date: o.date, title: o.title, kind, createdBy }, tx)
  if (id === undefined) {
    throw new AppError('ORDER_EXISTS', 409, `Приказ ${formatOrder(o)} уже зарегистрирован в регионе. Проверьте номер и дату.`, {
      number: o.number,
      date: o.date,
    })
  }
  return id
}

/** An existing order of the region of the given kind, or a Russian refusal. */
export async function existingOrder(regionId: number, id: number, kind: OrderKind, tx: Db): Promise<Order> {
  const order = await orderById(id, tx)
  if (!order || order.regionId !== regionId || order.kind !== kind) {
    throw new AppError('ORDER_NOT_FOUND', 422, 'Приказ не найден среди приказов региона этого вида.', { id })
  }
  return order
}
