// A first-in, first-out limit on concurrent work (issue 14, "the server stays
// responsive"). On 2 cores, ten staff requests rendering at once each take a
// turn of the event loop in every round, so a /healthz (or any light request)
// waited behind all of them: p99 ≈ 350–750 ms on PostgreSQL. Behind the gate
// at most `limit` of them are in the loop; the others wait in line, which
// costs nothing, and a request whose client leaves while waiting leaves the
// line.

export type Gate = {
  /** Resolves with a release function once a place is free; rejects if `signal` aborts first. */
  enter: (signal?: AbortSignal) => Promise<() => void>
  stats: () => { running: number; waiting: number }
}

export function createGate(limit: number): Gate {
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
    enter(signal) {
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
            resolve(once())
          },
        }
        const leave = () => {
          const at = line.indexOf(waiter)
          if (at !== -1) line.splice(at, 1)
          reject(signal!.reason)
        }
        signal?.addEventListener('abort', leave, { once: true })
        line.push(waiter)
      })
    },
    stats: () => ({ running, waiting: line.length }),
  }
}
