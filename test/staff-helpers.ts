import { randomUUID } from 'node:crypto'
import { createApplication } from '../app/domain/applications.server'
import type { Actor } from '~/model/permissions'
import { takeFlash, type Flash } from '~/http/flash.server'
import type { FormReply } from '~/http/form.server'
import { db } from '../db/client.server'
import { rowAfter } from '../workflows/snapshot'
import { forceApplicationState, makeRegion, strongFacts, toAtMinistry } from './fixtures'
import { cookieFor, routeContext } from './support/session'

// Helpers of the ministry and coordinator route tests: sessions, calling
// route modules the way Remix does, candidates at the ministry.

export type Region = Awaited<ReturnType<typeof makeRegion>>

const ctx = routeContext()

export { cookieFor }

type RouteFn = (args: { request: Request; params: Record<string, string>; context: typeof ctx }) => Promise<unknown>
/** A form's reply (decision 0010); read it with `replyOf` from test/support/form.ts. */
export type Failure = { data: FormReply; init: { status: number } }

/** A loader's data, or the Response it threw (403/404 pages, redirects). */
export async function get<T>(loader: RouteFn, actor: Actor, path: string, params: Record<string, string> = {}): Promise<T | Response> {
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: await cookieFor(actor) } })
  return (loader({ request, params, context: ctx }) as Promise<T>).catch((e) => {
    if (e instanceof Response) return e
    throw e
  })
}

/** An action's answer: a redirect Response, a thrown Response, or `data()` with an error. */
export async function post(
  action: RouteFn,
  actor: Actor,
  path: string,
  form: Record<string, string | string[] | number | number[]>,
  params: Record<string, string> = {},
): Promise<Response | Failure> {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, String(x))
  const request = new Request(`http://localhost${path}`, { method: 'POST', body, headers: { Cookie: await cookieFor(actor) } })
  return (action({ request, params, context: ctx }) as Promise<Response | Failure>).catch((e) => {
    if (e instanceof Response) return e
    throw e
  })
}

export const statusOf = (r: Response | Failure) => (r instanceof Response ? r.status : r.init.status)

/** A candidate of the region's test campaign with its own name, moved to `events`' end state. */
export async function candidate(region: Region, lastName: string, events = toAtMinistry) {
  const applicant = await region.actor('applicant')
  const id = await createApplication(
    {
      campaignId: region.campaignId,
      source: 'self',
      person: {
        municipalityId: region.municipalities[0].id,
        lastName,
        firstName: 'Анна',
        middleName: 'Петровна',
        organisationId: null,
        position: 'учитель',
        workEmail: `${randomUUID().slice(0, 8)}@school.test`,
        subjects: ['Физика'],
      },
      private: { phone: '+7 900 555-44-33' },
      facts: strongFacts(),
    },
    applicant,
  )
  if (events.length > 0) await forceApplicationState(id, events)
  const [{ personId }] = await db()<{ personId: number }[]>`select person_id::int as "personId" from applications where id = ${id}`
  return { id, personId, applicant }
}

export async function forceCampaignState(campaignId: number, events: { type: string; [k: string]: unknown }[]) {
  const row = rowAfter('campaign', events)
  const sql = db()
  await sql`update campaigns set snapshot = ${sql.json(row.snapshot as never)}, state = ${row.state} where id = ${campaignId}`
}

export const campaignToMinistry = [{ type: 'OPEN' }, { type: 'CLOSE' }, { type: 'START_REVIEW' }, { type: 'SEND_TO_MINISTRY' }]

export async function giveConsent(personId: number, fields: string[]) {
  await db()`insert into consents (person_id, purpose, text_version, fields) values (${personId}, 'dissemination', 'dissemination-1', ${fields})`
}

export async function stateOf(table: 'applications' | 'campaigns' | 'members', id: number): Promise<string> {
  const [row] = await db()<{ state: string }[]>`select state from ${db()(table)} where id = ${id}`
  return row.state
}

/** A fresh order number, so tests sharing a database never collide. */
export const orderNo = () => `${Math.floor(Math.random() * 900000) + 100000}-р`

/** The confirmation a redirect carries to the next page (redirectWithFlash), read as the root loader reads it. */
export async function flashOf(res: Response): Promise<Flash | null> {
  const cookie = res.headers.get('Set-Cookie')?.split(';')[0]
  if (!cookie) return null
  return (await takeFlash(new Request('http://localhost/', { headers: { Cookie: cookie } }))).flash
}
