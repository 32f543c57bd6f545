import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { serverNodeFlags } from './node-flags'

describe('the stated heap flags', () => {
  it('are the ones `npm start` passes, so production runs in one process under them', () => {
    const start: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start
    const node = start.split('&&').map((part) => part.trim()).find((part) => part.startsWith('node '))
    expect(node?.split(/\s+/).filter((a) => a.startsWith('--max-'))).toEqual([...serverNodeFlags])
  })
})
