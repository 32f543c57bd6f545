import { db, type Db } from '../client.server'

// The criteria of a campaign's review form (0019), in the order the reviewer sees them.

export type ReviewCriterion = { id: number; campaignId: number; position: number; title: string; description: string; scaleMax: number }

const cols = (tx: Db) => tx`
  id::int, campaign_id::int as "campaignId", position, title, description, scale_max as "scaleMax"`

export async function criteriaOfCampaign(campaignId: number, tx: Db = db()): Promise<ReviewCriterion[]> {
  return tx<ReviewCriterion[]>`select ${cols(tx)} from review_criteria where campaign_id = ${campaignId} order by position, id`
}

export async function criteriaOfCampaigns(campaignIds: number[], tx: Db = db()): Promise<ReviewCriterion[]> {
  if (campaignIds.length === 0) return []
  return tx<ReviewCriterion[]>`
    select ${cols(tx)} from review_criteria where campaign_id = any(${campaignIds}) order by campaign_id, position, id`
}

/**
 * Serialises the form's editor against reviews being written: the editor
 * takes the campaign row `for update`, a reviewer `for share`, so an edit
 * never slips between a reviewer reading the criteria and saving scores by them.
 */
export async function lockReviewForm(campaignId: number, mode: 'share' | 'update', tx: Db): Promise<void> {
  if (mode === 'update') await tx`select id from campaigns where id = ${campaignId} for update`
  else await tx`select id from campaigns where id = ${campaignId} for share`
}

/** Whether a review of the campaign has been submitted: from then on the form's shape is fixed. */
export async function campaignHasSubmittedReviews(campaignId: number, tx: Db = db()): Promise<boolean> {
  const [row] = await tx<{ yes: boolean }[]>`
    select exists (
      select 1 from reviews r join applications a on a.id = r.application_id
      where a.campaign_id = ${campaignId} and r.submitted_at is not null
    ) as yes`
  return row.yes
}

/** Appends a criterion after the last one; returns its id. */
export async function insertCriterion(
  c: { campaignId: number; title: string; description: string; scaleMax: number },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into review_criteria (campaign_id, position, title, description, scale_max)
    select ${c.campaignId}, coalesce(max(position), 0) + 1, ${c.title}, ${c.description}, ${c.scaleMax}
    from review_criteria where campaign_id = ${c.campaignId}
    returning id::int`
  return row.id
}

export async function updateCriterion(id: number, c: { title: string; description: string; scaleMax: number }, tx: Db = db()): Promise<void> {
  await tx`update review_criteria set title = ${c.title}, description = ${c.description}, scale_max = ${c.scaleMax} where id = ${id}`
}

export async function deleteCriterion(id: number, tx: Db = db()): Promise<void> {
  await tx`delete from review_criteria where id = ${id}`
}

/** Numbers the campaign's criteria 1, 2, 3 … in the given order (positions are checked at commit). */
export async function renumberCriteria(campaignId: number, orderedIds: number[], tx: Db = db()): Promise<void> {
  if (orderedIds.length === 0) return
  const positions = orderedIds.map((_, i) => i + 1)
  await tx`
    update review_criteria c set position = o.position
    from unnest(${orderedIds}::bigint[], ${positions}::int[]) as o(id, position)
    where c.id = o.id and c.campaign_id = ${campaignId}`
}
