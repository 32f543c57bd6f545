import type { Db, Tx } from '../../db/client.server'
import type { Motion, MotionKind } from '../../db/queries/agenda-motions.server'
import type { Actor } from '~/model/permissions'
import { appealMotions } from './appeal-motions.server'
import { reportMotions } from './report-motions.server'

export type { Motion, MotionKind }

/** A question that can go on a meeting's agenda, as its kind describes it. */
export type MotionSubject = { subjectId: number; applicationId: number | null; title: string }

/**
 * What a kind of motion is: where its questions come from, whether one may
 * go on this commission's agenda now, and what the commission's decision does.
 * The voting, the quorum and the protocol are the meeting's (motions.server.ts).
 */
export type MotionKindHandler = {
  /** The picker's group label, e.g. «Апелляции». */
  label: string
  /** What «за» decides, shown on the meeting page next to the votes. */
  vote: string
  /** This commission's questions of the kind waiting for a meeting. */
  pending(commissionId: number, tx: Db): Promise<MotionSubject[]>
  /** The question, if it may go on this commission's agenda now; throws AppError otherwise. */
  subject(commissionId: number, subjectId: number, tx: Tx): Promise<MotionSubject>
  /**
   * Runs once per motion when the meeting closes, inside its transaction:
   * `adopted` is «за» from more than half of the votes cast. Does the kind's
   * effect and returns the protocol's wording.
   */
  decided(ctx: { actor: Actor; motion: Motion; adopted: boolean; meetingId: number }, tx: Tx): Promise<{ heard: string; decided: string }>
  /** Runs when the motion has been put on an open meeting's agenda (e.g. the appeal's machine notes the meeting and writes to the applicant). */
  added?(ctx: { actor: Actor; motion: Motion; meeting: { id: number; heldAt: Date } }, tx: Tx): Promise<void>
  /** Runs when the open meeting the undecided motion is on gets another date (e.g. the applicant is told the new one). */
  rescheduled?(ctx: { actor: Actor; motion: Motion; meeting: { id: number; heldAt: Date } }, tx: Tx): Promise<void>
  /** Runs when the motion is taken off an open meeting's agenda, or the meeting is deleted (`meetingDeleted`): the question waits for another meeting. */
  removed?(ctx: { actor: Actor; motion: Motion; meetingDeleted?: boolean }, tx: Tx): Promise<void>
}

// One line per kind: the kind's handler lives in its own domain module.
export const motionKinds: Partial<Record<MotionKind, MotionKindHandler>> = {
  appeal: appealMotions,
  indicatorReport: reportMotions,
}
