import type { LoaderFunctionArgs } from '@remix-run/node'
import { freshRosterState } from '~/domain/regions.server'
import { rosterJsonStream } from '~/domain/open-data.server'
import { parseRosterFilter } from '~/model/roster-filter'

export async function loader({ request }: LoaderFunctionArgs) {
  const { version } = await freshRosterState()
  // Streamed in batches; a client that leaves stops the reads (request.signal).
  const body = rosterJsonStream(parseRosterFilter(new URL(request.url).searchParams), version, request.signal)
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } })
}
