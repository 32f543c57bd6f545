import postgres from 'postgres'

/**
 * A database of its own on the DATABASE_URL server, for tests that start app
 * processes against it: its URL, a client for the test's own reads, and a drop.
 * `template`: a copy of that database (whose connections are closed first).
 */
export async function scratchDatabase(name: string, opts: { template?: string } = {}) {
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists ${name} with (force)`)
  if (opts.template) {
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${opts.template} and pid <> pg_backend_pid()`
    await admin.unsafe(`create database ${name} template ${opts.template}`)
  } else await admin.unsafe(`create database ${name}`)
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${name}`
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {}, transform: { undefined: null } })
  return {
    url: url.toString(),
    sql,
    async drop() {
      await sql.end()
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

/** A client of its own for an embedded database's socket (tests that start one). */
export function socketClient(path: string) {
  return postgres({ path, max: 1, username: 'postgres', database: 'postgres', onnotice: () => {} })
}
