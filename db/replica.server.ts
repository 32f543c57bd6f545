import { within, type Sql } from './client.server'
import { freshRosterState, rosterState } from './queries/roster-state.server'

// The read replica of the public pages (DATABASE_READ_URL, docs/DEPLOYMENT.md).
// The public cache keys a page by the roster version read from the primary
// (decision 0005), so a page is rendered from the replica only when the
// replica's own roster_state shows that version or a later one: a standby
// replays the primary's commits in order, and the version is bumped in the
// same transaction as every change a public page shows, so such a replica
// has applied every withdrawal the version stands for, and stays so (a
// standby never goes back). Otherwise — behind, down, too slow to answer —
// that request reads the primary.

/** `ok`: current, pages read it; `behind`: it has not applied the primary's version yet; `down`: no answer. */
export type ReplicaState = 'ok' | 'behind' | 'down'

export type Replica = {
  /** The replica's client when it has applied `primaryVersion`; undefined: read the primary. */
  choose(primaryVersion: number): Promise<Sql | undefined>
  /** Checks the replica against `primaryVersion` as `choose` does, for /healthz. */
  check(primaryVersion: number): Promise<ReplicaState>
  /** A render from the replica failed where the primary's succeeded: treat the replica as down for a while. */
  failed(error: unknown): void
  /** The last state observed, `unknown` before the first check. */
  state(): ReplicaState | 'unknown'
  stop(): Promise<void>
}

export type ReplicaOptions = {
  /** How long a request waits for the replica's version before reading the primary. */
  waitMs?: number
  /** After a failure, requests read the primary without asking the replica for this long. */
  retryMs?: number
  /** A fallback of a kind already logged within this time is not logged again (a replica a few ms behind after each commit). */
  quietMs?: number
  log?: (line: string) => void
  now?: () => number
}

// why: the Remix server bundle and the server entry load their own copies of
// this module; /healthz (in the bundle) must see the replica the server made.
const g = globalThis as unknown as { __rmaReplica?: Replica }

/** The replica the server started with, if any. */
export function currentReplica(): Replica | undefined {
  return g.__rmaReplica
}

export function startReplica(sql: Sql, opts: ReplicaOptions = {}): Replica {
  const { waitMs = 1_000, retryMs = 10_000, log = (line: string) => console.log(line), now = Date.now } = opts
  // why: not coalesced like the primary's: only renders ask (cache hits never
  // do), and a read that hangs must not hold up the next request's.
  const replicaVersion = async () => (await rosterState(sql)).version
  const episodes = fallbackLog({ quietMs: opts.quietMs, log, now })
  let downUntil = 0

  const down = (reason: string): ReplicaState => {
    downUntil = now() + retryMs
    episodes.observe('down', reason)
    return 'down'
  }

  const check = async (primaryVersion: number): Promise<ReplicaState> => {
    if (now() < downUntil) return 'down'
    let version: number | 'waiting'
    try {
      version = await within(replicaVersion(), waitMs)
    } catch (e) {
      return down(e instanceof Error ? e.message : String(e))
    }
    if (version === 'waiting') return down(`нет ответа за ${waitMs} мс`)
    if (version < primaryVersion) {
      episodes.observe('behind', `версия реестра ${version} < ${primaryVersion}`)
      return 'behind'
    }
    episodes.observe('ok')
    return 'ok'
  }

  const replica: Replica = {
    check,
    async choose(primaryVersion) {
      return (await check(primaryVersion)) === 'ok' ? sql : undefined
    },
    failed(error) {
      down(error instanceof Error ? error.message : String(error))
    },
    state: () => episodes.state(),
    async stop() {
      if (g.__rmaReplica === replica) g.__rmaReplica = undefined
      await sql.end({ timeout: 5 })
    },
  }
  g.__rmaReplica = replica
  return replica
}

/**
 * For /healthz: the replica's state when one is configured, checked as the
 * public pages check it; never what decides the status code (a replica that
 * is down or behind only sends the public pages to the primary).
 */
export async function replicaHealth(waitMs = 1_000): Promise<ReplicaState | undefined> {
  const replica = currentReplica()
  if (!replica) return undefined
  const checked = freshRosterState().then((s) => replica.check(s.version))
  checked.catch(() => {})
  const answer = await within(checked, waitMs).catch(() => 'down' as const)
  if (answer !== 'waiting') return answer
  const last = replica.state()
  return last === 'unknown' ? 'down' : last
}

/**
 * One log line when the public pages leave the replica (for being behind or
 * down) and one when they return to it. A replica is behind for a moment
 * after every commit on the primary, so a fallback of a kind already logged
 * within `quietMs` is not logged again; one that lasts is logged once that
 * time has passed.
 */
export function fallbackLog(opts: { quietMs?: number; log: (line: string) => void; now: () => number }) {
  const { quietMs = 60_000, log, now } = opts
  let state: ReplicaState | 'unknown' = 'unknown'
  let logged: 'behind' | 'down' | null = null
  const lastLine = { behind: -Infinity, down: -Infinity }
  return {
    state: () => state,
    observe(next: ReplicaState, reason = '') {
      state = next
      if (next === 'ok') {
        if (logged) log('Реплика для чтения снова используется: публичные страницы читаются с неё.')
        logged = null
        return
      }
      if (logged === next || now() - lastLine[next] < quietMs) return
      log(
        next === 'behind'
          ? `Реплика для чтения отстаёт (${reason}): публичные страницы читаются с основной базы, пока она не догонит.`
          : `Реплика для чтения не отвечает (${reason}): публичные страницы читаются с основной базы.`,
      )
      logged = next
      lastLine[next] = now()
    },
  }
}
