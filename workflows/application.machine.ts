import { assign, setup } from 'xstate'
import type { Permission } from '~/model/permissions'
import { notify } from './notify'

export type EligibilityOutcome = 'pass' | 'fail' | 'unverified'

export type ApplicationContext = {
  eligibility: EligibilityOutcome | null
  failedRules: string[]
  infoRequest: string | null
  ineligibleReasons: string[]
  returnReason: string | null
}

export type ApplicationEvent =
  | { type: 'SUBMIT' }
  | { type: 'START_SCREENING'; eligibility: EligibilityOutcome; failedRules: string[] }
  | { type: 'EVALUATED'; eligibility: EligibilityOutcome; failedRules: string[] }
  /** `replyBy`: the last day to reply ('YYYY-MM-DD', the region's calendar), if the secretary set one. */
  | { type: 'REQUEST_INFO'; message: string; replyBy?: string | null }
  | { type: 'PROVIDE_INFO' }
  | { type: 'MARK_INELIGIBLE'; reasons: string[] }
  | { type: 'ADMIT' }
  | { type: 'RECOMMEND' }
  | { type: 'REJECT' }
  | { type: 'DEFER' }
  | { type: 'REVIEW_AGAIN' }
  | { type: 'SEND_TO_MINISTRY' }
  | { type: 'APPROVE' }
  | { type: 'RETURN'; reason: string }
  | { type: 'PUBLISH' }
  | { type: 'WITHDRAW' }
  /** The commission upheld the applicant's appeal against this decision (issue 10 §5): the application goes back. */
  | { type: 'APPEAL_UPHELD' }

export const applicationMachineVersion = 'application@1'

// Past the draft the commission has the application: its secretary is told it
// is withdrawn. Only actions changed, so the version and stored snapshots hold.
const withdrawnTo = (to: 'secretary' | 'ministry' | 'coordinator') => ({ type: 'notify', params: { template: 'applicationWithdrawn', to } }) as const
const withdraw = { target: 'withdrawn', actions: withdrawnTo('secretary') } as const
// At the ministry the officers hold it too (they would decide on it); once
// approved under their order the coordinator would publish it: each is told.
const withdrawAtMinistry = { target: 'withdrawn', actions: [withdrawnTo('secretary'), withdrawnTo('ministry')] } as const
const withdrawApproved = { target: 'withdrawn', actions: [withdrawnTo('secretary'), withdrawnTo('ministry'), withdrawnTo('coordinator')] } as const



export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
  },
  actions: {
    notify,
    recordEligibility: assign(({ event }) =>
      event.type === 'START_SCREENING' || event.type === 'EVALUATED'
        ? { eligibility: event.eligibility, failedRules: event.failedRules }
        : {},
    ),
  },
  guards: {
    eligible: ({ context }) => context.eligibility === 'pass',
    hasMessage: ({ event }) => event.type === 'REQUEST_INFO' && event.message.trim().length > 0,
    hasReasons: ({ event }) => event.type === 'MARK_INELIGIBLE' && event.reasons.length > 0,
    hasReturnReason: ({ event }) => event.type === 'RETURN' && event.reason.trim().length > 0,
  },
}).createMachine({
  id: 'application',
  context: { eligibility: null, failedRules: [], infoRequest: null, ineligibleReasons: [], returnReason: null },
  initial: 'draft',
  states: {
    draft: {
      on: {
        SUBMIT: { target: 'submitted', actions: { type: 'notify', params: { template: 'applicationReceived', to: 'applicant' } } },
        WITHDRAW: 'withdrawn',
      },
    },
    submitted: {
      on: {
        START_SCREENING: {
          target: 'screening',
          actions: ['recordEligibility', { type: 'notify', params: { template: 'screeningWaiting', to: 'secretary' } }],
        },
        WITHDRAW: withdraw,
      },
    },
    screening: {
      on: {
        EVALUATED: { actions: 'recordEligibility' },
        REQUEST_INFO: {
          guard: 'hasMessage',
          target: 'needsInformation',
          actions: [
            assign({ infoRequest: ({ event }) => event.message }),
            { type: 'notify', params: { template: 'informationRequested', to: 'applicant' } },
          ],
        },
        MARK_INELIGIBLE: {
          guard: 'hasReasons',
          target: 'ineligible',
          actions: [
            assign({ ineligibleReasons: ({ event }) => event.reasons }),
            { type: 'notify', params: { template: 'eligibilityResult', to: 'applicant' } },
          ],
        },
        ADMIT: {
          guard: 'eligible',
          target: 'inReview',
          actions: [
            { type: 'notify', params: { template: 'eligibilityResult', to: 'applicant' } },
            { type: 'notify', params: { template: 'reviewWaiting', to: 'commission' } },
          ],
        },
        WITHDRAW: withdraw,
      },
    },
    needsInformation: {
      on: {
        EVALUATED: { actions: 'recordEligibility' },
        PROVIDE_INFO: {
          target: 'screening',
          actions: [
            assign({ infoRequest: null }),
            { type: 'notify', params: { template: 'informationProvided', to: 'secretary' } },
          ],
        },
        WITHDRAW: withdraw,
      },
    },
    inReview: {
      on: {
        RECOMMEND: { target: 'recommended', actions: { type: 'notify', params: { template: 'commissionDecision', to: 'applicant' } } },
        REJECT: { target: 'rejected', actions: { type: 'notify', params: { template: 'commissionDecision', to: 'applicant' } } },
        DEFER: { target: 'deferred', actions: { type: 'notify', params: { template: 'commissionDecision', to: 'applicant' } } },
        WITHDRAW: withdraw,
      },
    },
    deferred: { on: { REVIEW_AGAIN: 'inReview', WITHDRAW: withdraw } },
    recommended: {
      on: {
        SEND_TO_MINISTRY: { target: 'atMinistry', actions: { type: 'notify', params: { template: 'approvalWaiting', to: 'ministry' } } },
        WITHDRAW: withdraw,
      },
    },
    atMinistry: {
      on: {
        APPROVE: { target: 'approved', actions: { type: 'notify', params: { template: 'ministryDecision', to: 'applicant' } } },
        RETURN: {
          guard: 'hasReturnReason',
          target: 'returned',
          actions: [
            assign({ returnReason: ({ event }) => event.reason }),
            { type: 'notify', params: { template: 'ministryReturned', to: 'secretary' } },
            { type: 'notify', params: { template: 'returnedToCommission', to: 'applicant' } },
          ],
        },
        WITHDRAW: withdrawAtMinistry,
      },
    },
    returned: { on: { REVIEW_AGAIN: 'inReview', WITHDRAW: withdraw } },
    approved: {
      on: {
        PUBLISH: { target: 'published', actions: { type: 'notify', params: { template: 'published', to: 'applicant' } } },
        WITHDRAW: withdrawApproved,
      },
    },
    // Not final since appeals (issue 10 §5): an upheld appeal sends the
    // application back. Persisted snapshots stay valid: restore() recomputes
    // the status from the state, so the machine version is unchanged.
    ineligible: {
      on: {
        APPEAL_UPHELD: {
          target: 'screening',
          actions: [assign({ ineligibleReasons: [] }), { type: 'notify', params: { template: 'screeningWaiting', to: 'secretary' } }],
        },
      },
    },
    rejected: { on: { APPEAL_UPHELD: 'inReview' } },
    published: { type: 'final' },
    withdrawn: { type: 'final' },
  },
})


export const applicationStates = [
  'draft', 'submitted', 'screening', 'needsInformation', 'ineligible', 'inReview', 'recommended', 'rejected',
  'deferred', 'atMinistry', 'approved', 'returned', 'published', 'withdrawn',
] as const
export type ApplicationState = (typeof applicationStates)[number]

/** 'system' events are sent by the app itself (eligibility runs), never by a person. */
export const applicationEventPermissions: Record<ApplicationEvent['type'], Permission | 'system'> = {
  SUBMIT: 'application:submit',
  START_SCREENING: 'system',
  EVALUATED: 'system',
  REQUEST_INFO: 'application:screen',
  PROVIDE_INFO: 'application:answer',
  MARK_INELIGIBLE: 'application:screen',
  ADMIT: 'application:screen',
  RECOMMEND: 'meeting:decide',
  REJECT: 'meeting:decide',
  DEFER: 'meeting:decide',
  REVIEW_AGAIN: 'meeting:decide',
  SEND_TO_MINISTRY: 'meeting:decide',
  APPROVE: 'approval:decide',
  RETURN: 'approval:decide',
  PUBLISH: 'roster:publish',
  WITHDRAW: 'application:withdraw',
  APPEAL_UPHELD: 'meeting:decide',
}

/**
 * Events that a person fires from the application page. The others come from
 * elsewhere: a meeting's vote (RECOMMEND, REJECT, DEFER), the ministry's list
 * with its order (APPROVE, RETURN), publication (PUBLISH) and an appeal's
 * decision at a meeting (APPEAL_UPHELD).
 */
export const eventsOnApplicationPage: ReadonlySet<string> = new Set(['SUBMIT', 'REQUEST_INFO', 'PROVIDE_INFO', 'MARK_INELIGIBLE', 'ADMIT', 'REVIEW_AGAIN', 'SEND_TO_MINISTRY', 'WITHDRAW'])
