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
