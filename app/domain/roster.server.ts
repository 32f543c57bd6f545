import { filterOptions, publicMembersPage, regionPublicInfo } from '../../db/queries/public-roster.server'
import { PAGE_SIZE, type RosterFilter } from '~/model/roster-filter'

/** Everything the public roster page shows for one filter and page. */
export async function rosterPage(filter: RosterFilter) {
  const [{ total, members }, options, region] = await Promise.all([
    publicMembersPage(filter, PAGE_SIZE),
    filterOptions(filter.region),
    filter.region ? regionPublicInfo(filter.region) : Promise.resolve(undefined),
  ])
  return { filter, total, members, options, region, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) }
}
