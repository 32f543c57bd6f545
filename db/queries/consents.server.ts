import { consentTexts } from '~/model/consent'
import { db, type Db } from '../client.server'

export type Consent = {
  id: number
  personId: number
  purpose: 'processing' | 'dissemination'
  textVersion: string
  fields: string[]
  conditions: string
  validUntil: string | null
  givenAt: Date
  withdrawnAt: Date | null
  supersededAt: Date | null
}

const cols = (tx: Db) => tx`
  id::int, person_id::int as "personId", purpose, text_version as "textVersion", fields, conditions,
  to_char(valid_until, 'YYYY-MM-DD') as "validUntil", given_at as "givenAt", withdrawn_at as "withdrawnAt",
  superseded_at as "supersededAt"`

/** Locks the person's current consent of that purpose (if any) for the rest of the transaction. */
export async function currentConsentForUpdate(personId: number, purpose: Consent['purpose'], tx: Db): Promise<Consent | undefined> {
  const [row] = await tx<Consent[]>`
    select ${cols(tx)} from consents
    where person_id = ${personId} and purpose = ${purpose} and withdrawn_at is null and superseded_at is null
    for update`
  return row
}

export async function currentConsent(personId: number, purpose: Consent['purpose'], tx: Db = db()): Promise<Consent | undefined> {
  const [row] = await tx<Consent[]>`
    select ${cols(tx)} from consents
    where person_id = ${personId} and purpose = ${purpose} and withdrawn_at is null and superseded_at is null`
  return row
}

export async function consentHistory(personId: number, tx: Db = db()): Promise<Consent[]> {
  return tx<Consent[]>`select ${cols(tx)} from consents where person_id = ${personId} order by given_at desc, id desc`
}

/**
 * Stores every consent text version the code knows, leaving stored ones
 * untouched; runs before a consent is written, so a database migrated before
 * a new text version existed gets it at its first use.
 */
export async function ensureConsentTexts(tx: Db = db()): Promise<void> {
  await tx`insert into consent_texts ${tx(consentTexts.map((t) => ({ ...t })))} on conflict (version) do nothing`
}

export async function insertConsent(
  c: { personId: number; purpose: Consent['purpose']; textVersion: string; fields: string[]; conditions: string; validUntil: string | null },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into consents (person_id, purpose, text_version, fields, conditions, valid_until)
    values (${c.personId}, ${c.purpose}, ${c.textVersion}, ${c.fields}, ${c.conditions}, ${c.validUntil})
    returning id::int`
  return row.id
}

export async function supersedeConsent(id: number, tx: Db = db()): Promise<void> {
  await tx`update consents set superseded_at = now() where id = ${id}`
}

export async function withdrawConsent(id: number, tx: Db = db()): Promise<Date> {
  const [row] = await tx<{ at: Date }[]>`update consents set withdrawn_at = now() where id = ${id} returning withdrawn_at as at`
  return row.at
}

/** Members of this person are public exactly while the consent allows their name. */
export async function setMembersPublic(personId: number, isPublic: boolean, tx: Db = db()): Promise<number[]> {
  const rows = await tx<{ id: number }[]>`
    update members set public = ${isPublic}, updated_at = now() where person_id = ${personId} and public <> ${isPublic}
    returning id::int`
  return rows.map((r) => r.id)
}
