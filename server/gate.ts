// A first-in, first-out limit on concurrent work (issue 14, "the server stays
// responsive"). On 2 cores, ten staff requests rendering at once each take a
// turn of the event loop in every round, so a /healthz (or any light request)
// waited behind all of them: p99 ≈ 350–750 ms on PostgreSQL. Behind the gate
// at most `limit` of them are in the loop; the others wait in line, which
// costs nothing, and a request whose client leaves while waiting leaves the
// line.

/** A request waited longer than the gate's `maxWaitMs` for a place: the server is too busy to serve it soon. */
export class GateBusy extends Error {
  constructor() {
    super('waited too long for a place')
    this.name = 'GateBusy'
  }
}

export type Gate = {
  /**
   * Resolves with a release function once a place is free; rejects if
   * `signal` aborts first, or with GateBusy after `maxWaitMs` — unless
   * `patient` (a download already under way takes its place back: it is never
   * cut off halfway for waiting).
   */
  enter: (signal?: AbortSignal, opts?: { patient?: boolean }) => Promise<() => void>
  stats: () => { running: number; waiting: number }
}

/**
 * `maxWaitMs`: a place held a long time (a slow client downloading) must not
 * hold everyone else for ever: past it the waiting request is answered «busy».
 */
export function createGate(limit: number, maxWaitMs = 30_000): Gate {
  let running = 0
  const line: { start: () => void }[] = []
  const release = () => {
    const next = line.shift()
    if (next) next.start()
    else running--
  }
  const once = () => {
    let done = false
    return () => {
      if (done) return
      done = true
      release()
    }
  }
  return {
    enter(signal, opts) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (running < limit) {
        running++
        return Promise.resolve(once())
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          // The place passes from the releasing request straight to this one.
          start: () => {
            signal?.removeEventListener('abort', leave)
            clearTimeout(timer)
            resolve(once())
          },
        }
        const out = (reason: unknown) => {
          const at = line.indexOf(waiter)
          if (at !== -1) line.splice(at, 1)
          signal?.removeEventListener('abort', leave)
          clearTimeout(timer)
          reject(reason)
        }
        const leave = () => out(signal!.reason)
        const timer = opts?.patient ? undefined : setTimeout(() => out(new GateBusy()), maxWaitMs)
        signal?.addEventListener('abort', leave, { once: true })
        line.push(waiter)
      })
    },
    stats: () => ({ running, waiting: line.length }),
  }
}
