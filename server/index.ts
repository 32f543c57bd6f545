import { dev } from './mode'
import { runsHere } from './node-flags'

// The app server's entry: under the stated V8 heap flags (server/node-flags.ts)
// it runs server/main.ts; started without them, it starts itself again with
// them and loads nothing of the app here (this process keeps node and tsx
// only, ≈ 75 MB RSS; a service that passes the flags itself has no such
// second process: docs/DEPLOYMENT.md).
if (runsHere(dev)) await import('./main')
