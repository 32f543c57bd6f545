import type { LoaderFunctionArgs } from '@remix-run/node'
import { freshRosterState } from '~/domain/regions.server'
import { rosterJson } from '~/domain/open-data.server'
import { parseRosterFilter } from '~/model/roster-filter'

export async function loader({ request }: LoaderFunctionArgs) {
  const { version } = await freshRosterState()
  const body = await rosterJson(parseRosterFilter(new URL(request.url).searchParams), version)
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } })
}
