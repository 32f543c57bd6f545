import type { AnyStateMachine } from 'xstate'
import type { Permission } from '~/model/permissions'
import { appealEventPermissions, appealMachine, appealMachineVersion, type AppealEvent } from './appeal.machine'
import { activityEventPermissions, activityMachine, activityMachineVersion, type ActivityEvent } from './activity.machine'
import { applicationEventPermissions, applicationMachine, applicationMachineVersion, type ApplicationEvent } from './application.machine'
import { campaignEventPermissions, campaignMachine, campaignMachineVersion, type CampaignEvent } from './campaign.machine'
import { indicatorReportEventPermissions, indicatorReportMachine, indicatorReportMachineVersion, type IndicatorReportEvent } from './indicator-report.machine'
import { memberEventPermissions, memberMachine, memberMachineVersion, type MemberEvent } from './member.machine'

export type EntityEvents = {
  application: ApplicationEvent
  campaign: CampaignEvent
  member: MemberEvent
  activity: ActivityEvent
  appeal: AppealEvent
  indicatorReport: IndicatorReportEvent
}
export type Entity = keyof EntityEvents

export type WorkflowDefinition = {
  machine: AnyStateMachine
  version: string
  table: 'applications' | 'campaigns' | 'members' | 'activity_records' | 'appeals' | 'indicator_reports'
  eventPermissions: Record<string, Permission | 'system'>
}

export const workflows: Record<Entity, WorkflowDefinition> = {
  application: {
    machine: applicationMachine,
    version: applicationMachineVersion,
    table: 'applications',
    eventPermissions: applicationEventPermissions,
  },
  campaign: { machine: campaignMachine, version: campaignMachineVersion, table: 'campaigns', eventPermissions: campaignEventPermissions },
  member: { machine: memberMachine, version: memberMachineVersion, table: 'members', eventPermissions: memberEventPermissions },
  activity: { machine: activityMachine, version: activityMachineVersion, table: 'activity_records', eventPermissions: activityEventPermissions },
  appeal: { machine: appealMachine, version: appealMachineVersion, table: 'appeals', eventPermissions: appealEventPermissions },
  indicatorReport: {
    machine: indicatorReportMachine,
    version: indicatorReportMachineVersion,
    table: 'indicator_reports',
    eventPermissions: indicatorReportEventPermissions,
  },
}
