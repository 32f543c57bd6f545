import { describe, expect, it } from 'vitest'
import { operatorPath } from './paths'

describe('a file named on the command line', () => {
  it('is taken from the directory `npm run rma` was typed in, not the package root npm starts the script in', () => {
    const npm = { npm_lifecycle_event: 'rma', INIT_CWD: '/home/operator/files' }
    expect(operatorPath('nominations.xlsx', npm, '/srv/rma')).toBe('/home/operator/files/nominations.xlsx')
    expect(operatorPath('../out/members.xlsx', npm, '/srv/rma')).toBe('/home/operator/out/members.xlsx')
    expect(operatorPath('/tmp/a.csv', npm, '/srv/rma')).toBe('/tmp/a.csv')
  })

  it('is taken from the working directory otherwise (node cli/rma.ts, or a process another npm script spawned)', () => {
    expect(operatorPath('a.csv', {}, '/srv/rma')).toBe('/srv/rma/a.csv')
    expect(operatorPath('a.csv', { npm_lifecycle_event: 'test', INIT_CWD: '/elsewhere' }, '/srv/rma')).toBe('/srv/rma/a.csv')
  })
})
