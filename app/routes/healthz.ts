import { databaseHealth } from '~/domain/health.server'

// 200 when the app answers and its database answers or is busy with other
// users' work (db/client.server.ts databaseHealth); 503 otherwise (load balancers).
export async function loader() {
  const database = await databaseHealth()
  if (database !== 'down') return Response.json({ status: 'ok', database }, { headers: { 'Cache-Control': 'no-store' } })
  return Response.json({ status: 'error', database: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
}
