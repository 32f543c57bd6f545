import { randomUUID } from 'node:crypto'
import { action as importsAction } from '../../app/routes/imports/route'
import { db } from '../../db/client.server'
import { insertMember } from '../../db/queries/members.server'
import { insertPerson } from '../../db/queries/people.server'
import { grantRole, grantsOf, insertUser } from '../../db/queries/users.server'
import { rowAfter } from '../../workflows/snapshot'
import type { Actor } from '~/model/permissions'
import type { makeRegion } from '../fixtures'
import { routeContext } from './session'

// Helpers of the activity import's route tests (issue 10 §1.3): members of a
// region's active with accounts, and the upload page's two steps.

export type Region = Awaited<ReturnType<typeof makeRegion>>
export type Member = Actor & { memberId: number; name: string }

const ctx = routeContext()

export async function memberOf(
  region: Region,
  municipalityId: number,
  name: [last: string, first: string, middle: string],
  opts: { email?: string; state?: 'active' | 'excluded' } = {},
): Promise<Member> {
  const [lastName, firstName, middleName] = name
  const personId = await insertPerson({
    regionId: region.regionId,
    municipalityId,
    lastName,
    firstName,
    middleName,
    organisationId: null,
    position: 'учитель',
    workEmail: opts.email ?? null,
    subjects: [],
  })
  const userId = await insertUser({ login: `member.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: `${lastName} ${firstName}`, personId })
  await grantRole(userId, { role: 'applicant' })
  const row = rowAfter('member', opts.state === 'excluded' ? [{ type: 'EXCLUDE', reason: 'Увольнение', orderId: 1 }] : [])
  const memberId = await insertMember({
    regionId: region.regionId,
    rosterId: region.rosterId,
    personId,
    applicationId: null,
    directionId: null,
    groupId: null,
    subjects: [],
    admittedOrderId: null,
    termEndsOn: null,
    public: false,
    snapshot: row.snapshot,
    state: row.state,
    machineVersion: row.machineVersion,
  })
  return { userId, grants: await grantsOf(userId), memberId, name: name.join(' ').trim() }
}

export type Preview = {
  uploadId: number | null
  sha256: string
  errorsTotal: number
  report: {
    rows: number
    valid: number
    errors: { row: number; column: string; message: string }[]
    counts: { created: number; updated: number; unchanged: number; skipped: number }
    format: string
  }
}

export async function post(cookie: string, body: FormData | URLSearchParams): Promise<unknown> {
  const request = new Request('http://localhost/imports', { method: 'POST', headers: { Cookie: cookie }, body })
  return importsAction({ request, params: {}, context: ctx }).catch((e) => e)
}

/** The activity form of the upload page: its intent, the kind, the region and the file. */
export function activityUpload(regionId: number, file: Buffer, name = 'мероприятия.csv'): FormData {
  const form = new FormData()
  form.set('intent', 'activity')
  form.set('kind', 'activity')
  form.set('regionId', String(regionId))
  form.set('file', new File([new Uint8Array(file)], name, { type: name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' }))
  return form
}

export const previewOf = (res: unknown): Preview => (res as { data: { preview: Preview } }).data.preview

export const confirm = (cookie: string, p: Preview) =>
  post(cookie, new URLSearchParams({ uploadId: String(p.uploadId), sha256: p.sha256, intent: 'confirm' })) as Promise<Response>

export async function recordsOf(regionId: number) {
  return db()<{ id: number; memberId: number; state: string; kind: string; heldOn: string; level: string; audience: number; title: string; description: string; importId: number | null }[]>`
    select id::int, member_id::int as "memberId", state, kind, to_char(held_on, 'YYYY-MM-DD') as "heldOn", level, audience, title, description,
           import_id::int as "importId"
    from activity_records where region_id = ${regionId} order by id`
}
