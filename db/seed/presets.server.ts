import type { Db } from '../client.server'
import type { RegionPreset } from '../presets'
import { installRegionPreset, type InstalledRegion } from '~/domain/region-create.server'

export type { InstalledRegion }

// The seed and the CLI install presets the way the administrator's «new
// region» page does: through the domain (app/domain/region-create.server.ts).

/** Idempotent: installing a preset twice changes nothing. `code` renames the region (tests). */
export function installPreset(p: RegionPreset, opts: { code?: string } = {}, tx?: Db): Promise<InstalledRegion> {
  return installRegionPreset(p, opts, tx)
}
