import { dev } from './mode'
import { runsHere } from './node-flags'

// The app server's entry: under the stated V8 heap flags (server/node-flags.ts)
// it runs server/main.ts; started without them, it starts itself again with
// them and loads nothing more here, so this process stays a few MB.
if (runsHere(dev)) await import('./main')
