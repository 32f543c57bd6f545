import { databaseHealth, replicaHealth } from '~/domain/health.server'

// 200 when the app answers and its database answers or is busy with other
// users' work (db/client.server.ts databaseHealth); 503 otherwise (load balancers).
// With a read replica, `replica` says whether the public pages read it (`ok`)
// or the primary (`behind`, `down`); it never changes the status: a server
// whose replica is down still serves every page (db/replica.server.ts).
export async function loader() {
  const database = await databaseHealth()
  if (database === 'down') return Response.json({ status: 'error', database: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  const replica = await replicaHealth()
  return Response.json({ status: 'ok', database, ...(replica ? { replica } : {}) }, { headers: { 'Cache-Control': 'no-store' } })
}
