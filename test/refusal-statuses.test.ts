import { describe, expect, it } from 'vitest'
import { action as applicationAction } from '../app/routes/applications.$id/route'
import { action as campaignAction } from '../app/routes/campaigns.manage.$id'
import { action as consentAction } from '../app/routes/my.consent'
import { forceApplicationState, makeApplication, makeRegion } from './fixtures'
import { cookieFor, routeContext } from './support/session'

// «This role may not» is a 403 on every form, whatever the form carries: the
// permission is checked before the form is parsed (outside walk, issue 21).

const post = (path: string, cookie: string, body: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(body) })

const statusOf = async (p: Promise<unknown>) => {
  const r = await p.catch((e) => e)
  return r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200)
}

describe('refusals of a role that may not', () => {
  it('withdrawing someone else’s application → 404 as for a missing one, not a form error', async () => {
    const region = await makeRegion()
    const id = await makeApplication(region, await region.actor('applicant'))
    await forceApplicationState(id, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }])
    const stranger = await cookieFor(await region.actor('applicant'))
    for (const body of [{ intent: 'withdraw' }, { intent: 'withdraw', rowVersion: '1' }, {}] as Record<string, string>[]) {
      expect(await statusOf(applicationAction({ request: post(`/applications/${id}`, stranger, body), params: { id: String(id) }, context: routeContext() })), JSON.stringify(body)).toBe(404)
    }
    const missing = id + 1_000_000
    expect(await statusOf(applicationAction({ request: post(`/applications/${missing}`, stranger, { intent: 'withdraw' }), params: { id: String(missing) }, context: routeContext() }))).toBe(404)
  })

  it('a municipal coordinator acting on the region’s campaign → 404 as for a missing one (they do not read it)', async () => {
    const region = await makeRegion()
    const municipal = await cookieFor(await region.actor('municipalCoordinator'))
    const params = { id: String(region.campaignId) }
    for (const body of [{ intent: 'appealDays', appealDays: '5' }, { event: 'CLOSE' }, {}] as Record<string, string>[]) {
      expect(await statusOf(campaignAction({ request: post(`/campaigns/manage/${region.campaignId}`, municipal, body), params, context: routeContext() })), JSON.stringify(body)).toBe(404)
    }
  })

  it('/my/consent: every role without consents of its own → 403', async () => {
    const region = await makeRegion()
    for (const role of ['admin', 'municipalCoordinator', 'regionalCoordinator', 'chair'] as const) {
      const cookie = await cookieFor(await region.actor(role))
      expect(await statusOf(consentAction({ request: post('/my/consent', cookie, { intent: 'withdraw' }), params: {}, context: routeContext() })), role).toBe(403)
    }
  })
})
