import type { LoaderFunctionArgs } from '@remix-run/node'
import { rosterCsvStream } from '~/domain/open-data.server'
import { parseRosterFilter } from '~/model/roster-filter'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const format = url.searchParams.get('format') === 'rfc' ? 'rfc' : 'excel'
  // Streamed in batches; a client that leaves stops the reads (request.signal).
  const body = rosterCsvStream(parseRosterFilter(url.searchParams), format, request.signal)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="roster.csv"',
    },
  })
}
