import { db, type Db } from '../client.server'

export type PrivateData = { phone: string | null; birthDate: string | null; privateEmail: string | null; snils: string | null }

/** Private fields: only for the subject and staff with privateData:read, and staff reads are audited. */
export async function privateDataOf(personId: number, tx: Db = db()): Promise<PrivateData | undefined> {
  const [row] = await tx<PrivateData[]>`
    select phone, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", private_email as "privateEmail", snils
    from person_private where person_id = ${personId}`
  return row
}
