import type { Grant, Role } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { applicationsPage, countByState, type ApplicationFilter, type ApplicationListRow, type ApplicationRow } from '../../db/queries/applications.server'
import { campaignsOfRegion, type Campaign } from '../../db/queries/campaigns.server'
import { coverage, type CoverageRow } from '../../db/queries/members.server'
import { regionById } from '../../db/queries/regions.server'
import { pendingReviewsOf, type PendingReview } from '../../db/queries/reviews.server'
import type { SessionActor } from './sessions.server'
import { unreadNotifications, type NotificationRow } from './notifications.server'
import { deadlinesFor, type DeadlineItem } from './stage-deadlines.server'
import { termSectionsFor, type MyTermSection, type TermsSection } from './term-dashboard.server'

export type ApplicationItem = Pick<ApplicationRow, 'id' | 'fullName' | 'campaignTitle' | 'organisationName' | 'municipalityName' | 'state' | 'source' | 'updatedAt'>

/** How many waiting reviews the dashboard lists before pointing to /reviews. */
const DASHBOARD_REVIEWS = 10

export type Section =
  | { role: Role; kind: 'applications'; title: string; empty: string; items: ApplicationItem[]; param: string; page: Omit<Page<ApplicationItem>, 'rows'> }
  | { role: Role; kind: 'reviews'; title: string; empty: string; items: PendingReview[]; total: number }
  | { role: Role; kind: 'campaigns'; title: string; empty: string; items: Campaign[]; counts: { state: string; n: number }[] }
  | { role: Role; kind: 'coverage'; title: string; empty: string; items: CoverageRow[]; limit: number | null }
  | { role: Role; kind: 'admin'; title: string; empty: string; items: [] }
  | { role: Role; kind: 'deadlines'; title: string; empty: string; items: DeadlineItem[] }
  | TermsSection
  | MyTermSection

const item = (a: ApplicationListRow): ApplicationItem => ({
  id: a.id,
  fullName: a.fullName,
  campaignTitle: a.campaignTitle,
  organisationName: a.organisationName,
  municipalityName: a.municipalityName,
  state: a.state,
  source: a.source,
  updatedAt: a.updatedAt,
})

/** Where each list of the page stands: its cursor parameter's decoded page. */
export type PageAt = (param: string) => { after: Cursor | null; from: number }

/**
 * What waits for each of the person's roles, each list scoped by its grant
 * and paged on its own (one cursor parameter per list, e.g. `screening`, or
 * `screening1` for a second grant of the same kind).
 */
export async function dashboardFor(
  actor: SessionActor,
  pageAt: PageAt = () => ({ after: null, from: 1 }),
  now: Date = new Date(),
): Promise<{ sections: Section[]; notifications: { rows: NotificationRow[]; count: number } }> {
  const sections: Section[] = []
  for (const [i, g] of actor.grants.entries()) {
    // The stages' deadlines come first, and only when there are any (issue 11, §4.1).
    const deadlines = await deadlinesFor(actor.userId, g, now)
    if (deadlines.length > 0) sections.push({ role: g.role, kind: 'deadlines', title: 'Сроки этапов отбора', empty: '', items: deadlines })
    sections.push(...(await sectionsFor(actor, g, (name, f) => applicationList(f, `${name}${i || ''}`, pageAt))))
  }
  sections.push(...(await termSectionsFor(actor, now)))
  return { sections, notifications: await unreadNotifications(actor) }
}

type ListOf = (name: string, f: ApplicationFilter) => Promise<{ items: ApplicationItem[]; param: string; page: Omit<Page<ApplicationItem>, 'rows'> }>

async function applicationList(f: ApplicationFilter, param: string, pageAt: PageAt) {
  const at = pageAt(param)
  const { rows, total } = await applicationsPage(f, at.after, PAGE_SIZE)
  const { rows: shown, ...page } = toPage(rows, PAGE_SIZE, at.from, total, (r) => r.sortKey)
  return { items: shown.map(item), param, page }
}

async function sectionsFor(actor: SessionActor, g: Grant, list: ListOf): Promise<Section[]> {
  switch (g.role) {
    case 'applicant':
      return [
        {
          role: g.role,
          kind: 'applications',
          title: 'Мои заявления',
          empty: 'Заявлений пока нет.',
          ...(await list('mine', { applicantUserId: actor.userId })),
        },
      ]
    case 'municipalCoordinator': {
      const region = await regionById(g.regionId!)
      return [
        {
          role: g.role,
          kind: 'applications',
          title: 'Кандидаты муниципалитета',
          empty: 'Кандидатов от муниципалитета пока нет.',
          ...(await list('municipality', { municipalityId: g.municipalityId! })),
        },
        {
          role: g.role,
          kind: 'coverage',
          title: 'Обеспеченность методической поддержкой',
          empty: '',
          items: await coverage(g.regionId!, g.municipalityId),
          limit: region?.settings.coverage?.maxTeachersPerMember ?? null,
        },
      ]
    }
    case 'secretary':
      return [
        {
          role: g.role,
          kind: 'applications',
          title: 'Ждут проверки и решений секретаря',
          empty: 'Нет заявлений, ожидающих проверки.',
          ...(await list('screening', { commissionId: g.commissionId!, states: ['submitted', 'screening', 'needsInformation', 'returned', 'deferred'] })),
        },
        {
          role: g.role,
          kind: 'applications',
          title: 'На рассмотрении комиссии',
          empty: 'Нет кандидатов на рассмотрении.',
          ...(await list('review', { commissionId: g.commissionId!, states: ['inReview', 'recommended'] })),
        },
      ]
    case 'commissionMember':
    case 'chair':
      return [
        {
          role: g.role,
          kind: 'reviews',
          title: 'Назначенные мне кандидаты',
          empty: 'Нет кандидатов, ожидающих вашего отзыва.',
          // the oldest few here; the whole paged list is on /reviews
          ...(await pendingReviewsOf(actor.userId, g.commissionId!, DASHBOARD_REVIEWS)),
        },
      ]
    case 'ministryOfficer':
      return [
        {
          role: g.role,
          kind: 'applications',
          title: 'Ждут согласования',
          empty: 'Нет кандидатов на согласовании.',
          ...(await list('ministry', { regionId: g.regionId!, states: ['atMinistry'], selection: null })),
        },
      ]
    case 'municipalApprover':
      return [
        {
          role: g.role,
          kind: 'applications',
          title: 'Ждут согласования муниципальным органом управления образованием',
          empty: 'Нет кандидатов на согласовании.',
          ...(await list('municipalApproval', { regionId: g.regionId!, states: ['atMinistry'], selection: g.municipalityId! })),
        },
      ]
    case 'regionalCoordinator':
      return [
        {
          role: g.role,
          kind: 'campaigns',
          title: 'Отборы региона',
          empty: 'Отборов пока нет.',
          items: await campaignsOfRegion(g.regionId!),
          counts: await countByState({ regionId: g.regionId! }),
        },
        {
          role: g.role,
          kind: 'applications',
          title: 'Согласованы и ждут публикации',
          empty: 'Нет согласованных кандидатов, ожидающих публикации.',
          ...(await list('approved', { regionId: g.regionId!, states: ['approved'] })),
        },
      ]
    case 'admin':
      return [{ role: g.role, kind: 'admin', title: 'Администрирование', empty: 'Сотрудники получают учётные записи по приглашению: отправьте его в разделе «Сотрудники: приглашения».', items: [] }]
  }
}
