import { benchImport } from './import'
import { benchOutbox } from './outbox'
import { benchRoster } from './roster'

// `npm run bench`: every benchmark, one JSON object per line on stdout
// (progress goes to stderr). BENCH_ONLY=roster,import,outbox picks some.
const only = (process.env.BENCH_ONLY ?? 'roster,import,outbox').split(',')
if (only.includes('roster')) await benchRoster()
if (only.includes('import')) await benchImport()
if (only.includes('outbox')) await benchOutbox()
