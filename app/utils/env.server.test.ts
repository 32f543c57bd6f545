import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server'

describe('parseEnv: the read replica', () => {
  it('takes DATABASE_READ_URL with a PostgreSQL primary, its pool like the primary’s', () => {
    const e = parseEnv({ DATABASE_URL: 'postgres://db/rma', DATABASE_READ_URL: 'postgres://replica/rma', DATABASE_READ_POOL_MAX: '4' })
    expect(e.DATABASE_READ_URL).toBe('postgres://replica/rma')
    expect(e.DATABASE_READ_POOL_MAX).toBe(4)
    expect(parseEnv({}).DATABASE_READ_POOL_MAX).toBe(10)
  })

  it('refuses it with the embedded database, naming the variable', () => {
    expect(() => parseEnv({ DATABASE_READ_URL: 'postgres://replica/rma' })).toThrow(
      'DATABASE_READ_URL: реплика для чтения бывает только у PostgreSQL: задайте DATABASE_URL (основную базу) или уберите DATABASE_READ_URL',
    )
    expect(() => parseEnv({ DATABASE_URL: 'postgres://db/rma', DATABASE_READ_POOL_MAX: '0' })).toThrow('DATABASE_READ_POOL_MAX')
  })
})

describe('parseEnv: what the operator reads', () => {
  it('names every invalid variable with what it should be, in Russian', () => {
    let message = ''
    try {
      parseEnv({ DATABASE_URL: 'db-host', PORT: 'восемьдесят', DATABASE_POOL_MAX: '1.5', SEED_DEMO: 'maybe', SESSION_SECRET: 'short', JOBS_INTERVAL_S: '0', RENDER_CONCURRENCY: '1000' })
    } catch (e) {
      message = (e as Error).message
    }
    expect(message.split('\n')).toEqual([
      'Неверные переменные окружения:',
      '  PORT: нужно число',
      '  DATABASE_URL: нужен адрес (URL), например postgres://… или https://…',
      '  DATABASE_POOL_MAX: нужно целое число',
      '  SESSION_SECRET: не короче 16 символов',
      '  SEED_DEMO: одно из значений: auto, yes, no',
      '  JOBS_INTERVAL_S: не меньше 1',
      '  RENDER_CONCURRENCY: не больше 100',
    ])
  })
})
