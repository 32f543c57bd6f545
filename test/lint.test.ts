import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The layer rule of docs/ARCHITECTURE.md is enforced by lint: each case
// lints a small module as if it stood at `at`, with the project's own config.
const eslint = new ESLint({ cwd: process.cwd() })

async function layerErrors(at: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: at })
  return result.messages.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message)
}

describe('layers run routes → domain → workflows → db/queries', () => {
  it.each([
    ['a query module importing a workflow', 'db/queries/fixture.server.ts', "import { initialRow } from '../../workflows/snapshot'\nexport const x = initialRow"],
    ['a query module importing the domain', 'db/queries/fixture.server.ts', "import { dashboardFor } from '../../app/domain/dashboard.server'\nexport const x = dashboardFor"],
    ['a workflow importing the domain', 'workflows/fixture.ts', "import { dashboardFor } from '../app/domain/dashboard.server'\nexport const x = dashboardFor"],
    ['the domain importing the session', 'app/domain/fixture.server.ts', "import { requireSignedIn } from '~/http/session.server'\nexport const x = requireSignedIn"],
    ['the domain importing UI', 'app/domain/fixture.server.ts', "import { confirmText } from '~/ui/confirm'\nexport const x = confirmText"],
    ['a route skipping the domain for a query', 'app/routes/fixture.tsx', "import { listRegions } from '../../db/queries/regions.server'\nexport const x = listRegions"],
    ['the shared model importing the domain', 'app/model/fixture.ts', "import { rosterPage } from '~/domain/roster.server'\nexport const x = rosterPage"],
  ])('rejects %s', async (_what, at, code) => {
    const errors = await layerErrors(at, code)
    expect(errors.length).toBe(1)
    expect(errors[0]).toMatch(/may not import/)
  })

  it.each([
    ['a route calling the domain', 'app/routes/fixture.tsx', "import { rosterPage } from '~/domain/roster.server'\nexport const x = rosterPage"],
    ['the domain calling a workflow and a query', 'app/domain/fixture.server.ts', "import { sendEvent } from '../../workflows/transition.server'\nimport { listRegions } from '../../db/queries/regions.server'\nexport const x = [sendEvent, listRegions]"],
    ['a query using the shared model', 'db/queries/fixture.server.ts', "import type { Facts } from '../../app/model/eligibility'\nexport type X = Facts"],
  ])('accepts %s', async (_what, at, code) => {
    expect(await layerErrors(at, code)).toEqual([])
  })
})
