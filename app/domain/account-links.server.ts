import { createHash, randomBytes } from 'node:crypto'
import { setTimeout } from 'node:timers/promises'
import { inTransaction, type Db } from '../../db/client.server'
import { accountTokenByHash, accountTokenForUpdate, insertAccountToken, useAccountTokens, type TokenPurpose } from '../../db/queries/account-tokens.server'
import { appendAudit } from '../../db/queries/audit.server'
import { enqueue } from '../../db/queries/outbox.server'
import { deleteSessionsOfUser } from '../../db/queries/sessions.server'
import { emailConfirmedAt, setEmailConfirmed, setPasswordHash, userById, userByLogin } from '../../db/queries/users.server'
import { AppError } from '../../workflows/errors'
import { reserveLimits, throttleKeys } from '~/domain/throttle.server'
import { addressKey, loginKey, THROTTLE, throttleMessages } from '~/model/throttle'
import { hashPassword } from '~/utils/password.server'
import { safeRedirect } from '~/utils/safe-redirect'

// One-time links by e-mail (issue 11): password reset and address
// confirmation. A link carries 256 random bits; the database keeps only their
// SHA-256, so neither a backup nor a read-only look at the tables lets anyone
// in. The mail goes through the outbox like every other letter.

export const RESET_VALID_MS = 60 * 60_000
export const CONFIRM_VALID_MS = 7 * 24 * 60 * 60_000

export const newToken = () => randomBytes(32).toString('base64url')
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
// why: anything else cannot be one of ours; it is refused before it reaches a query
export const wellFormed = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token)

export class LinkInvalid extends AppError {
  constructor(message = 'Ссылка недействительна: она уже использована, устарела или набрана с ошибкой.') {
    super('LINK_INVALID', 404, message)
  }
}

async function issue(userId: number, email: string, purpose: TokenPurpose, validForMs: number, tx: Db, next = ''): Promise<void> {
  const token = newToken()
  await insertAccountToken({ userId, purpose, tokenHash: hashToken(token), validForMs }, tx)
  await enqueue([{ regionId: null, template: purpose, to: { userId, email, role: 'account' }, entity: 'user', entityId: userId, payload: next ? { token, next } : { token } }], tx)
}

/** Opening or using a link: limited per client address (the tokens cannot be guessed, but nobody may try at speed). */
export const countLinkUse = (clientAddress: string) =>
  reserveLimits([{ key: throttleKeys.tokenAddress(addressKey(clientAddress)), rule: THROTTLE.tokenAddress }], throttleMessages.token)

// ---------------------------------------------------------------------------
// Password reset

/**
 * How long a reset request takes at the least. The work for a known address
 * (a token, a letter, an audit row: ≈ 10 ms more on an idle server) would
 * otherwise tell by the answer's time which addresses have accounts; the
 * work fits in this time on a busy server too.
 */
export const FORGOT_ANSWER_MS = 300

/**
 * Sends a reset link if an active account has this login, and does nothing
 * otherwise: the caller answers the same either way, and no sooner than
 * FORGOT_ANSWER_MS. Counted per address and per login before anything is
 * looked up, so the limits say nothing about which logins exist either.
 */
export async function requestPasswordReset(login: string, clientAddress: string): Promise<void> {
  const l = loginKey(login)
  await reserveLimits(
    [
      { key: throttleKeys.forgotAddress(addressKey(clientAddress)), rule: THROTTLE.forgotAddress },
      { key: throttleKeys.forgotLogin(l), rule: THROTTLE.forgotLogin },
    ],
    throttleMessages.forgot,
  )
  const answerAt = performance.now() + FORGOT_ANSWER_MS
  try {
    await inTransaction(async (t) => {
      const user = await userByLogin(l, t)
      if (!user || !user.active) return
      await issue(user.id, user.login, 'passwordReset', RESET_VALID_MS, t)
      await appendAudit({ actorUserId: null, regionId: null, entity: 'user', entityId: user.id, action: 'PASSWORD_RESET_REQUESTED' }, t)
    })
  } finally {
    await setTimeout(Math.max(0, answerAt - performance.now()))
  }
}

/** Whether a reset link can still be used (the page shows the form or says why not). Counts as a use of a link. */
export async function resetLinkUsable(token: string, clientAddress: string): Promise<boolean> {
  await countLinkUse(clientAddress)
  if (!wellFormed(token)) return false
  const row = await accountTokenByHash('passwordReset', hashToken(token))
  if (!row?.live) return false
  return (await userById(row.userId))?.active ?? false
}

/**
 * Sets the new password through the link, once: the link and any other
 * reset link of the account stop working, every session of the account ends
 * (whoever knew the old password is signed out), and the address counts as
 * confirmed (the mail reached its owner). Returns the user's id.
 */
export async function resetPassword(token: string, password: string, clientAddress: string): Promise<number> {
  await countLinkUse(clientAddress)
  if (!wellFormed(token)) throw new LinkInvalid()
  // hashed before the transaction: the token row stays locked only briefly
  const passwordHash = await hashPassword(password)
  return inTransaction(async (t) => {
    const row = await accountTokenForUpdate('passwordReset', hashToken(token), t)
    if (!row?.live) throw new LinkInvalid()
    const user = await userById(row.userId, t)
    if (!user?.active) throw new LinkInvalid()
    await setPasswordHash(user.id, passwordHash, t)
    await useAccountTokens(user.id, 'passwordReset', t)
    await setEmailConfirmed(user.id, true, t)
    const ended = await deleteSessionsOfUser(user.id, {}, t)
    await appendAudit({ actorUserId: user.id, regionId: null, entity: 'user', entityId: user.id, action: 'PASSWORD_RESET', data: { sessionsEnded: ended } }, t)
    return user.id
  })
}

// ---------------------------------------------------------------------------
// E-mail confirmation

/**
 * A confirmation link for a new self-registered account, in the
 * registration's transaction. `next`: the page the person registered from
 * (a public selection's form), where the link leads back to once used; only a
 * path on this site is kept.
 */
export async function startEmailConfirmation(userId: number, tx: Db, next?: string): Promise<void> {
  const user = await userById(userId, tx)
  if (!user) return
  await setEmailConfirmed(userId, false, tx)
  await issue(userId, user.login, 'emailConfirmation', CONFIRM_VALID_MS, tx, safeRedirect(next, ''))
}

export async function isEmailConfirmed(userId: number, tx?: Db): Promise<boolean> {
  return (await emailConfirmedAt(userId, tx)) !== null
}

export class EmailNotConfirmed extends AppError {
  constructor() {
    super(
      'EMAIL_NOT_CONFIRMED',
      403,
      'Чтобы подать заявление, подтвердите адрес электронной почты: перейдите по ссылке из письма, которое пришло после регистрации. Если письма нет, запросите новое на странице «Подтверждение адреса» (/confirm).',
    )
  }
}

/**
 * What an unconfirmed account may not do: submit an application in its own
 * name (anyone can register with someone else's work address). Signing in,
 * filling in and saving a draft, consents and the session list stay open.
 */
export async function requireConfirmedEmail(userId: number, tx?: Db): Promise<void> {
  if (!(await isEmailConfirmed(userId, tx))) throw new EmailNotConfirmed()
}

/** Whether a confirmation link can still be used. Counts as a use of a link. */
export async function confirmLinkUsable(token: string, clientAddress: string): Promise<boolean> {
  await countLinkUse(clientAddress)
  if (!wellFormed(token)) return false
  return (await accountTokenByHash('emailConfirmation', hashToken(token)))?.live ?? false
}

/** Confirms the address through the link, once. Returns the user's id. */
export async function confirmEmail(token: string, clientAddress: string): Promise<number> {
  await countLinkUse(clientAddress)
  if (!wellFormed(token)) throw new LinkInvalid()
  return inTransaction(async (t) => {
    const row = await accountTokenForUpdate('emailConfirmation', hashToken(token), t)
    if (!row?.live) throw new LinkInvalid('Ссылка недействительна: она уже использована, устарела или набрана с ошибкой. Новую можно запросить в личном кабинете.')
    await setEmailConfirmed(row.userId, true, t)
    await useAccountTokens(row.userId, 'emailConfirmation', t)
    await appendAudit({ actorUserId: row.userId, regionId: null, entity: 'user', entityId: row.userId, action: 'EMAIL_CONFIRMED' }, t)
    return row.userId
  })
}

/** A new confirmation link for the signed-in person, limited per account; nothing when already confirmed. */
export async function resendEmailConfirmation(userId: number): Promise<void> {
  if (await isEmailConfirmed(userId)) return
  await reserveLimits([{ key: throttleKeys.confirmResend(userId), rule: THROTTLE.confirmResend }], throttleMessages.confirmResend)
  await inTransaction(async (t) => {
    const user = await userById(userId, t)
    if (!user?.active) return
    await issue(user.id, user.login, 'emailConfirmation', CONFIRM_VALID_MS, t)
  })
}
