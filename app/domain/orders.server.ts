import { insertOrder, orderById, orderByNumberDate, type Order, type OrderKind } from '../../db/queries/orders.server'
import { regionTimeZone } from '../../db/queries/regions.server'
import { db, type Db } from '../../db/client.server'
import { AppError } from '../../workflows/errors'
import { formatOrder } from '~/model/inputs/orders'
import { FALLBACK_TIME_ZONE, formatDay, regionDay } from '~/utils/dates'

/**
 * Registers an order of the region. Refused in Russian: an order dated after
 * today in the region (an order is recorded once it is signed), and the same
 * number and date twice.
 */
export async function createOrder(
  regionId: number,
  o: { number: string; date: string; title: string; municipalityId?: number | null },
  kind: OrderKind,
  createdBy: number | null,
  tx: Db,
  now: Date = new Date(),
): Promise<number> {
  const future = await futureOrderRefusal(regionId, o, tx, now)
  if (future) throw future
  const id = await insertOrder({ regionId, municipalityId: o.municipalityId ?? null, number: o.number, date: o.date, title: o.title, kind, createdBy }, tx)
  if (id === undefined) throw duplicateOrder(o)
  return id
}

/**
 * Why a new order with this number and date would be refused (dated after
 * today in the region, or already registered), or null: a page that asks
 * «Согласовать … приказом № … от …?» checks it before asking, so the
 * question is never put about an order that cannot be registered.
 */
export async function newOrderRefusal(regionId: number, o: { number: string; date: string }, tx: Db = db(), now: Date = new Date()): Promise<AppError | null> {
  return (await futureOrderRefusal(regionId, o, tx, now)) ?? ((await orderByNumberDate(regionId, o.number, o.date, tx)) ? duplicateOrder(o) : null)
}

async function futureOrderRefusal(regionId: number, o: { date: string }, tx: Db, now: Date): Promise<AppError | null> {
  const today = regionDay(now, (await regionTimeZone(regionId, tx)) ?? FALLBACK_TIME_ZONE)
  if (o.date <= today) return null
  return new AppError(
    'ORDER_IN_FUTURE',
    422,
    `Дата приказа ${formatDay(o.date)} ещё не наступила. Приказ регистрируется после подписания: укажите дату, когда он подписан.`,
    { fields: { orderDate: 'Дата приказа не может быть позже сегодняшнего дня' } },
  )
}

const duplicateOrder = (o: { number: string; date: string }) =>
  new AppError('ORDER_EXISTS', 409, `Приказ ${formatOrder(o)} уже зарегистрирован в регионе. Проверьте номер и дату.`, { number: o.number, date: o.date })

/** An existing order of the region of the given kind, or a Russian refusal. */
export async function existingOrder(regionId: number, id: number, kind: OrderKind, tx: Db): Promise<Order> {
  const order = await orderById(id, tx)
  if (!order || order.regionId !== regionId || order.kind !== kind) {
    throw new AppError('ORDER_NOT_FOUND', 422, 'Приказ не найден среди приказов региона этого вида.', { id })
  }
  return order
}
