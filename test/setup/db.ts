// Route tests build sessions; a fixed secret for the test process only.
process.env.SESSION_SECRET ??= 'test-only-session-secret-0123456789'

import { afterAll, inject } from 'vitest'
import { connect, disconnect } from '../../db/client.server'

// Files in one worker run one after another, so each worker's database sees
// a single connection at a time (what PGlite needs).
const targets = inject('dbTargets')
const index = (Number(process.env.VITEST_POOL_ID ?? '1') - 1) % targets.length
const target = targets[index]
connect(target.kind === 'url' ? { kind: 'url', url: target.url, max: 10 } : target)

afterAll(async () => {
  await disconnect()
})
