import { db } from '../../db/client.server'

// 200 when the app and its database answer; 503 otherwise (load balancers).
export async function loader() {
  try {
    await db()`select 1`
    return Response.json({ status: 'ok', database: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return Response.json({ status: 'error', database: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
