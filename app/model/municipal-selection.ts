// Words of a municipal active's own selection (issue 10 §6): where a
// regional selection names the ministry, a municipal one names the municipal
// education authority (МОУО). The states keep their codes; only the words change.

import { applicationStateLabels, campaignStateLabels, municipalNotificationLabels } from './labels'
import { deadlineFieldLabels, stageLabels, type Stage } from './campaign-stages'

export const municipalAuthority = 'муниципальный орган управления образованием'

/** The application states as a municipal selection's screens name them. */
export const municipalApplicationStateLabels: Record<string, string> = {
  ...applicationStateLabels,
  atMinistry: 'На согласовании в муниципальном органе управления образованием',
  returned: 'Возвращено муниципальным органом управления образованием',
}

/** The audit actions of the approval step in a municipal selection. */
export const municipalAuditActionLabels: Record<string, string> = {
  APPROVE: 'Согласовано муниципальным органом управления образованием',
  RETURN: 'Возвращено муниципальным органом управления образованием',
}

export const municipalCampaignStateLabels: Record<string, string> = { ...campaignStateLabels }

/** The state labels a screen uses for a selection: the region's or a municipality's (null: the region's). */
export const applicationStatesOf = (campaignMunicipalityId: number | null | undefined) =>
  campaignMunicipalityId == null ? applicationStateLabels : municipalApplicationStateLabels

/** «Методический актив Города Томска» style name of a municipal roster. */
export const municipalRosterName = (municipalityName: string) => `Муниципальный методический актив: ${municipalityName}`

export const municipalStageLabels: Record<Stage, string> = { ...stageLabels, decision: 'Решение муниципального органа управления образованием' }

/** The stage names of a selection: the region's or a municipality's. */
export const stageLabelsOf = (municipal: boolean) => (municipal ? municipalStageLabels : stageLabels)

export { municipalNotificationLabels }

/** The campaign form's date labels: a municipal selection's decision is its authority's. */
export const deadlineFieldLabelsOf = (municipal: boolean): typeof deadlineFieldLabels =>
  municipal ? { ...deadlineFieldLabels, decisionUntil: 'Решение муниципального органа управления образованием до' } : deadlineFieldLabels
