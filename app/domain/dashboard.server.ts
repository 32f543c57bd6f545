import type { Grant, Role } from '~/model/permissions'
import { countByState, listApplications, type ApplicationRow } from '../../db/queries/applications.server'
import { campaignsOfRegion, type Campaign } from '../../db/queries/campaigns.server'
import { coverage, type CoverageRow } from '../../db/queries/members.server'
import { notificationsFor, type Notification } from '../../db/queries/outbox.server'
import { regionById } from '../../db/queries/regions.server'
import { pendingReviewsOf, type PendingReview } from '../../db/queries/reviews.server'
import type { SessionActor } from './sessions.server'

export type ApplicationItem = Pick<ApplicationRow, 'id' | 'fullName' | 'campaignTitle' | 'organisationName' | 'municipalityName' | 'state' | 'source' | 'updatedAt'>

export type Section =
  | { role: Role; kind: 'applications'; title: string; empty: string; items: ApplicationItem[] }
  | { role: Role; kind: 'reviews'; title: string; empty: string; items: PendingReview[] }
  | { role: Role; kind: 'campaigns'; title: string; empty: string; items: Campaign[]; counts: { state: string; n: number }[] }
  | { role: Role; kind: 'coverage'; title: string; empty: string; items: CoverageRow[]; limit: number | null }
  | { role: Role; kind: 'admin'; title: string; empty: string; items: [] }

const item = (a: ApplicationRow): ApplicationItem => ({
  id: a.id,
  fullName: a.fullName,
  campaignTitle: a.campaignTitle,
  organisationName: a.organisationName,
  municipalityName: a.municipalityName,
  state: a.state,
  source: a.source,
  updatedAt: a.updatedAt,
})

/** What waits for each of the person's roles, each list scoped by its grant. */
export async function dashboardFor(actor: SessionActor): Promise<{ sections: Section[]; notifications: Notification[] }> {
  const sections: Section[] = []
  for (const g of actor.grants) sections.push(...(await sectionsFor(actor, g)))
  return { sections, notifications: await notificationsFor(actor.userId, 10) }
}

async function sectionsFor(actor: SessionActor, g: Grant): Promise<Section[]> {
  switch (g.role) {
    case 'applicant':
      return [
        {
          role: g.role,
          kind: 'applications',
          title: 'Мои заявления',
          empty: 'Заявлений пока нет.',
          items: (await listApplications({ applicantUserId: actor.userId })).map(item),
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
          items: (await listApplications({ municipalityId: g.municipalityId! })).map(item),
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
          items: (
            await listApplications({ commissionId: g.commissionId!, states: ['submitted', 'screening', 'needsInformation', 'returned', 'deferred'] })
          ).map(item),
        },
        {
          role: g.role,
          kind: 'applications',
          title: 'На рассмотрении комиссии',
          empty: 'Нет кандидатов на рассмотрении.',
          items: (await listApplications({ commissionId: g.commissionId!, states: ['inReview', 'recommended'] })).map(item),
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
          items: await pendingReviewsOf(actor.userId, g.commissionId!),
        },
      ]
    case 'ministryOfficer':
      return [
        {
          role: g.role,
          kind: 'applications',
          title: 'Ждут согласования',
          empty: 'Нет кандидатов на согласовании.',
          items: (await listApplications({ regionId: g.regionId!, states: ['atMinistry'] })).map(item),
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
          items: (await listApplications({ regionId: g.regionId!, states: ['approved'] })).map(item),
        },
      ]
    case 'admin':
      return [{ role: g.role, kind: 'admin', title: 'Администрирование', empty: 'Учётные записи создаются командой npm run rma -- user:create.', items: [] }]
  }
}
