import { db, type Db } from '../client.server'

export type PrivateData = { phone: string | null; birthDate: string | null; privateEmail: string | null; snils: string | null }

/** Private fields: only for the subject and staff with privateData:read, and staff reads are audited. */
export async function privateDataOf(personId: number, tx: Db = db()): Promise<PrivateData | undefined> {
  const [row] = await tx<PrivateData[]>`
    select phone, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", private_email as "privateEmail", snils
    from person_private where person_id = ${personId}`
  return row
}

/** Sets phone and birth date (null clears them); other private fields are kept. */
export async function upsertPhoneAndBirthDate(personId: number, p: { phone: string | null; birthDate: string | null }, tx: Db = db()): Promise<void> {
  await tx`
    insert into person_private (person_id, phone, birth_date) values (${personId}, ${p.phone}, ${p.birthDate})
    on conflict (person_id) do update set phone = excluded.phone, birth_date = excluded.birth_date, updated_at = now()`
}
