import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDatabase } from '../db/start.server'
import { seedDemo } from '../db/seed/demo.server'
import { rowAfter } from '../workflows/snapshot'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// The personal-data boundary of PRODUCT §6, tested from the outside: a real
// server on a database full of distinctive private values; every public URL
// the app links to (plus exports and error pages) is fetched and searched.

const MEMBERS = 2000
let server: RunningServer
const hiddenWorkEmails = new Set<string>()
let visibleNames = 0

beforeAll(async () => {
  const dataDir = tempDataDir('rma-leak-')
  const database = await startDatabase({ dataDir })
  const sql = database.sql
  try {
    await seedDemo(sql, { members: MEMBERS, seed: 7 })
    // Excluded members keep their consent: exclusion alone must hide them.
    const excluded = rowAfter('member', [{ type: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderId: 1 }])
    await sql`
      update members set state = ${excluded.state}, snapshot = ${sql.json(excluded.snapshot as never)}
      where id in (select id from members where public order by id limit 40)`
    // Distinctive markers: the name of everyone who must not be shown…
    await sql`
      update people p set last_name = 'Невидимка' || p.id
      where exists (select 1 from members m where m.person_id = p.id)
        and not exists (
          select 1 from members m join consents c on c.person_id = m.person_id and c.purpose = 'dissemination'
            and c.withdrawn_at is null and c.superseded_at is null
          where m.person_id = p.id and m.public and m.state = 'active' and 'fullName' = any(c.fields))`
    await sql`update people p set last_name = 'Заявитель' || p.id where not exists (select 1 from members m where m.person_id = p.id)`
    // …fields that were not allowed…
    await sql`
      update people p set position = 'Тайная должность ' || p.id
      from consents c where c.person_id = p.id and c.purpose = 'dissemination' and not ('position' = any(c.fields))`
    const emails = await sql<{ email: string }[]>`
      select p.work_email as email from people p join consents c on c.person_id = p.id and c.purpose = 'dissemination'
      where not ('workEmail' = any(c.fields)) and p.work_email is not null`
    for (const e of emails) hiddenWorkEmails.add(e.email)
    // …and private values of every person.
    await sql`update person_private set snils = 'СНИЛС-тайна-' || person_id`
    await sql`
      insert into evidence (application_id, fact, file_name, mime_type, size_bytes, sha256, content)
      select id, 'contestWinner', 'диплом-тайна-' || id || '.pdf', 'application/pdf', 5, 'x', convert_to('ТАЙНА', 'UTF8') from applications`
    // Activity records (issue 10 §1) are never public: their descriptions, links and documents.
    for (const [events, take] of [[[{ type: 'SUBMIT' }, { type: 'CONFIRM' }], 'asc'], [[{ type: 'SUBMIT' }], 'desc']] as const) {
      const row = rowAfter('activity', [...events])
      await sql`
        insert into activity_records (region_id, member_id, municipality_id, kind, held_on, level, audience, description, evidence_url,
                                      evidence_file_name, evidence_mime_type, evidence_content, evidence_sha256, snapshot, state, machine_version)
        select m.region_id, m.id, p.municipality_id, 'openLesson', date '2026-10-01', 'regional', 25, 'Тайная методработа ' || m.id,
               'https://example.org/методработа-тайна-' || m.id, 'методработа-тайна-' || m.id || '.pdf', 'application/pdf',
               convert_to('ТАЙНА', 'UTF8'), 'x', ${sql.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion}
        from members m join people p on p.id = m.person_id
        order by case when ${take} = 'asc' then m.id else -m.id end limit 300`
    }
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from members m join consents c on c.person_id = m.person_id and c.purpose = 'dissemination'
        and c.withdrawn_at is null and c.superseded_at is null
      where m.public and m.state = 'active' and 'fullName' = any(c.fields)`
    visibleNames = n
  } finally {
    await database.stop()
  }
  server = await startServer({ dataDir, env: { SEED_DEMO: 'no' } })
})

afterAll(async () => {
  await server?.stop()
})

const forbidden: [string, RegExp][] = [
  ['phone', /\+7[\s(]*9\d\d/],
  ['birth date (ISO)', /19[5-9]\d-\d\d-\d\d/],
  ['birth date (ru)', /\d\d\.\d\d\.19[5-9]\d/],
  ['private e-mail', /@mail\.demo\.rma|@home\.example/],
  ['SNILS', /СНИЛС-тайна/],
  ['document', /диплом-тайна|ТАЙНА/],
  ['unpublished member', /Невидимка\d/],
  ['applicant', /Заявитель\d/],
  ['unconsented position', /Тайная должность/],
  ['activity record', /Тайная методработа|методработа-тайна/],
]

function leaks(body: string): string[] {
  const found = forbidden.filter(([, re]) => re.test(body)).map(([name, re]) => `${name}: ${body.match(re)?.[0]}`)
  for (const email of body.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) if (hiddenWorkEmails.has(email)) found.push(`unconsented e-mail: ${email}`)
  return found
}

/**
 * What every response must satisfy, public or private: no server error, no
 * U+0000 anywhere in the body (React 18's streaming renderer once put NULs at
 * its 2 KB buffer boundaries), and no stack trace or server path.
 */
function integrity(res: Response, bytes: Uint8Array, body: string): string[] {
  const found: string[] = []
  if (res.status >= 500) found.push(`status ${res.status}`)
  // Word and Excel files are ZIP archives: binary by nature, checked for their type instead.
  const type = res.headers.get('content-type') ?? ''
  if (/^application\/vnd\.openxmlformats-officedocument\./.test(type)) return found
  if (bytes.includes(0)) found.push(`NUL byte at ${bytes.indexOf(0)}`)
  if (/\n\s+at [\w.<>]+ \(|\/work\/|node_modules\//.test(body)) found.push('stack trace or server path')
  // a repeated id takes a field's label away from it (a heading once shared the id of the input it introduced)
  if (type.startsWith('text/html')) {
    const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))]
    if (repeated.length) found.push(`repeated id: ${repeated.join(', ')}`)
  }
  return found
}

async function crawl(start: string[], cookie?: string, limit = 1500, opts: { private?: boolean; skip?: RegExp } = {}) {
  const seen = new Set<string>()
  const queue = [...start]
  const problems: string[] = []
  let bytes = 0
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    seen.add(path)
    const res = await fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    const raw = new Uint8Array(await res.arrayBuffer())
    const body = new TextDecoder().decode(raw)
    bytes += body.length
    for (const l of integrity(res, raw, body)) problems.push(`${path} → ${l}`)
    if (opts.private) {
      // Staff see private values by right; what they see must never be kept by a cache.
      if (!/no-store/.test(res.headers.get('cache-control') ?? '')) problems.push(`${path} → Cache-Control: ${res.headers.get('cache-control')}`)
    } else {
      for (const l of leaks(body)) problems.push(`${path} → ${l}`)
    }
    const location = res.headers.get('location')
    if (location?.startsWith('/')) queue.push(location)
    for (const m of body.matchAll(/href="([^"]+)"/g)) {
      const href = m[1].replaceAll('&amp;', '&')
      if (!href.startsWith('/') || href.startsWith('//')) continue
      // Static files (build assets, public/ icons and scripts) hold no data and may be binary.
      if (href.startsWith('/logout') || href.startsWith('/assets/') || /^\/(favicon\.|auto-submit\.js)/.test(href) || opts.skip?.test(href)) continue
      if (!seen.has(href)) queue.push(href)
    }
  }
  return { seen, problems, bytes }
}

describe('no personal data leaves through public pages', () => {
  it('crawls every linked public page, the exports and the error pages without finding a private value', async () => {
    const start = [
      '/',
      '/roster',
      '/roster.csv',
      '/roster.csv?format=rfc',
      '/roster.json',
      '/login',
      '/no-such-page',
      '/regions/no-such-region',
      '/roster?page=100000',
      '/roster?q=%27%22%3E%3Cscript%3E',
      '/roster?region=tomsk&municipality=no-such',
      // The open selections (issue 9, item 7) and what they link to: each
      // selection, the regions, sign-in and registration on the way to the form.
      '/selections',
      '/selections?region=chelyabinsk',
      '/selections/999999',
      '/campaigns',
      // public/ files
      '/robots.txt',
      '/.well-known/security.txt',
      ...['tomsk', 'chelyabinsk', 'khabarovsk', 'yugra'].flatMap((r) => [`/regions/${r}`, `/regions/${r}/coverage`, `/regions/${r}/statistics`, `/roster?region=${r}`, `/roster.json?region=${r}`]),
    ]
    const { seen, problems, bytes } = await crawl(start)
    expect(problems).toEqual([])
    // the crawl really walked the roster: every page of it, in all regions
    expect(seen.size).toBeGreaterThan(80)
    expect(bytes).toBeGreaterThan(1_000_000)
    const json = (await (await fetch(`${server.url}/roster.json`)).json()) as { total: number; members: { fullName: string }[] }
    expect(json.total).toBe(visibleNames)
    expect(visibleNames).toBeGreaterThan(MEMBERS * 0.7)
    expect(visibleNames).toBeLessThan(MEMBERS)
  }, 300_000)

  it('the version for the visually impaired leaks nothing either', async () => {
    const { problems, seen } = await crawl(['/roster', '/regions/tomsk', '/regions/khabarovsk/coverage', '/regions/tomsk/statistics'], 'rma_a11y=1', 60)
    expect(seen.size).toBeGreaterThan(10)
    expect(problems).toEqual([])
  })

  it('the filters never reveal a field by matching on it', async () => {
    const body = await (await fetch(`${server.url}/roster.json?region=tomsk&q=${encodeURIComponent('Невидимка')}`)).text()
    expect(JSON.parse(body).total).toBe(0)
    expect(leaks(body)).toEqual([])
  })

  it('staff pages are never cached, never fail and never carry a NUL byte', async () => {
    // Sign in the way a browser does: a form POST, then the session cookie.
    const problems: string[] = []
    let pages = 0
    for (const login of ['secretary@demo.rma', 'coordinator@demo.rma', 'ministry@demo.rma', 'municipal@demo.rma', 'chair@demo.rma', 'expert@demo.rma', 'admin@demo.rma']) {
      const res = await fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login, password: 'demo-rma-2026' }),
      })
      expect(res.status, login).toBe(302)
      expect(res.headers.get('cache-control') ?? '', login).toMatch(/no-store/)
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
      // Public pages are crawled above; here only what a signed-in person reaches.
      // the workspaces first (a 403 where the login has none is fine), so a short crawl reaches every screen's first level
      const workspaces = ['/dashboard', '/campaigns/manage', '/settings', '/people', '/people/invitations', '/statistics', '/activity', '/my/activity', '/my/notifications', '/rule-sets']
      const crawled = await crawl(workspaces, cookie, 300, { private: true, skip: /^\/(roster|regions|campaigns$|a11y)/ })
      pages += crawled.seen.size
      problems.push(...crawled.problems.map((p) => `${login}: ${p}`))
    }
    expect(problems).toEqual([])
    expect(pages).toBeGreaterThan(60)
  }, 300_000)
})
