import { execFileSync } from 'node:child_process'

// Tests from the outside run the production build: build it once per run so
// they never test a stale one.
export default function setup() {
  execFileSync('npx', ['remix', 'vite:build'], { stdio: 'ignore' })
}
