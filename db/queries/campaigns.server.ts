import { initialRow } from '../../workflows/snapshot'
import { db, type Db } from '../client.server'

export type CampaignInput = {
  regionId: number
  rosterId: number
  commissionId: number | null
  ruleSetId: number
  title: string
  opensOn: string | null
  closesOn: string | null
}

export async function insertCampaign(c: CampaignInput, tx: Db = db()): Promise<number> {
  const init = initialRow('campaign')
  const [row] = await tx<{ id: number }[]>`
    insert into campaigns (region_id, roster_id, commission_id, rule_set_id, title, opens_on, closes_on, snapshot, state, machine_version)
    values (${c.regionId}, ${c.rosterId}, ${c.commissionId}, ${c.ruleSetId}, ${c.title}, ${c.opensOn}, ${c.closesOn},
            ${tx.json(init.snapshot as never)}, ${init.state}, ${init.machineVersion})
    returning id::int`
  return row.id
}

export type Campaign = CampaignInput & { id: number; state: string; rowVersion: number; regionCode: string }

const cols = (tx: Db) => tx`
  c.id::int, c.region_id::int as "regionId", r.code as "regionCode", c.roster_id::int as "rosterId",
  c.commission_id::int as "commissionId", c.rule_set_id::int as "ruleSetId", c.title,
  to_char(c.opens_on, 'YYYY-MM-DD') as "opensOn", to_char(c.closes_on, 'YYYY-MM-DD') as "closesOn",
  c.state, c.row_version as "rowVersion"`

export async function campaignById(id: number, tx: Db = db()): Promise<Campaign | undefined> {
  const [row] = await tx<Campaign[]>`select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id where c.id = ${id}`
  return row
}

export async function campaignsOfRegion(regionId: number, tx: Db = db()): Promise<Campaign[]> {
  return tx<Campaign[]>`
    select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id
    where c.region_id = ${regionId} order by c.id desc`
}

export async function openCampaigns(tx: Db = db()): Promise<Campaign[]> {
  return tx<Campaign[]>`
    select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id where c.state = 'open' order by c.id`
}
