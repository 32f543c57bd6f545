import { databaseAnswers } from '~/domain/health.server'

// 200 when the app and its database answer; 503 otherwise (load balancers).
export async function loader() {
  if (await databaseAnswers()) return Response.json({ status: 'ok', database: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  return Response.json({ status: 'error', database: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
}
