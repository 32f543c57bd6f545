import { filterOptions, publicMembersPage, regionPublicInfo } from '../../db/queries/public-roster.server'
import { PAGE_SIZE, type RosterFilter } from '~/model/roster-filter'

export type { FilterOptions, PublicMember } from '../../db/queries/public-roster.server'

/** Everything the public roster page shows for one filter and page. */
export async function rosterPage(requested: RosterFilter) {
  const [options, region] = await Promise.all([
    filterOptions(requested.region),
    requested.region ? regionPublicInfo(requested.region) : Promise.resolve(undefined),
  ])
  // A municipality, group or order of another region (left over when the
  // visitor switched regions) would only empty the list: it is dropped, so
  // one «Найти» after choosing a region is enough.
  const filter: RosterFilter = {
    ...requested,
    municipality: options.municipalities.some((m) => m.code === requested.municipality) ? requested.municipality : undefined,
    group: options.groups.some((g) => g.code === requested.group) ? requested.group : undefined,
    order: region?.orders.some((o) => o.id === requested.order && o.kind === 'composition') ? requested.order : undefined,
  }
  const { total, members } = await publicMembersPage(filter, PAGE_SIZE)
  const order = filter.order ? region?.orders.find((o) => o.id === filter.order) : undefined
  return {
    filter,
    total,
    members,
    options,
    region: region && { code: region.code, name: region.name },
    order: order && { number: order.number, date: order.date },
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  }
}
