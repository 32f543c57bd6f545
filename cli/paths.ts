import { resolve } from 'node:path'

/**
 * A file the operator named on the command line, as their shell meant it.
 * `npm run rma -- …` starts the script in the package's root, whatever
 * directory it was typed in, and leaves that directory in INIT_CWD; a
 * relative path is taken from there. Only for the `rma` script itself: a
 * process that another npm script spawned has its own working directory.
 */
export function operatorPath(path: string, env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  const base = env.npm_lifecycle_event === 'rma' && env.INIT_CWD ? env.INIT_CWD : cwd
  return resolve(base, path)
}
