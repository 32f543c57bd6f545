// Russian e-mail per outbox template (PRODUCT §4: machines name the template,
// the transition service writes the row, the worker renders it here).
//
// Privacy (PRODUCT §6): a template reads only the context the worker loads —
// public fields of the person (full name), ids, titles, links — and a fixed
// set of payload keys. Private fields (phone, birth date, SNILS, private
// e-mail) are never loaded for a mail, so no template can leak them, and a
// payload key a template does not name is never rendered.

import { publicFieldLabels, type PublicField } from '~/model/consent'
import { roleLabels, type Role } from '~/model/permissions'
import { applicationStateLabels, notificationLabels } from '~/model/labels'
import { FALLBACK_TIME_ZONE, formatDate, formatDay, formatLongDateTime, isDay } from '~/utils/dates'
import { safeRedirect } from '~/utils/safe-redirect'
import { pluralDays, stages, type Stage } from '~/model/campaign-stages'
import { declineFullName, pastTense } from '~/model/russian-names'
import { municipalNotificationLabels, stageLabelsOf } from '~/model/municipal-selection'

export type MailContext = {
  /** Absolute base of links: PUBLIC_URL, or http://localhost:PORT. */
  baseUrl: string
  recipientEmail: string
  recipientName: string | null
  /** applicant | member | secretary | commission | ministry | coordinator | municipality */
  recipientRole: string | null
  regionName: string | null
  /** The region's IANA zone: times in a letter are its wall clock, with the offset (PRODUCT §12). */
  timeZone: string | null
  entity: string | null
  entityId: number | null
  /** Full name of the person the row is about (a public field). */
  personName: string | null
  applicationId: number | null
  campaignTitle: string | null
  /** The municipality whose own selection the campaign is (issue 10 §6); null or absent for a regional selection. */
  campaignMunicipality?: string | null
}

export type MailInput = { template: string; payload: Record<string, unknown>; context: MailContext }
export type RenderedMail = { subject: string; text: string; html: string }

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'link'; label: string; url: string }

type Letter = { subject: string; blocks: Block[] }

const p = (text: string): Block => ({ kind: 'p', text })
const list = (items: string[]): Block => ({ kind: 'list', items })
const quote = (text: string): Block => ({ kind: 'quote', text })
const heading = (text: string): Block => ({ kind: 'heading', text })
const link = (label: string, url: string): Block => ({ kind: 'link', label, url })

export class UnknownTemplate extends Error {
  constructor(readonly template: string) {
    super(`No e-mail template "${template}"`)
  }
}

// Payload readers: the only way a template sees the payload.
const str = (payload: Record<string, unknown>, key: 'reason' | 'from' | 'to' | 'at' | 'withdrawnAt' | 'orderNumber' | 'conditions' | 'replyBy' | 'event'): string | null => {
  const v = payload[key]
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
}
const strings = (payload: Record<string, unknown>, key: 'reasons' | 'fields'): string[] | null => {
  const v = payload[key]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : null
}

/** A one-time link's token as our tokens look (base64url), or null: nothing else becomes part of a link. */
const token = (payload: Record<string, unknown>): string | null => {
  const v = payload.token
  return typeof v === 'string' && /^[A-Za-z0-9_-]{32,128}$/.test(v) ? v : null
}

/** A role grant's letter: the role by its code (only a known one) and where it applies, by name. */
function grantOf(payload: Record<string, unknown>): { role: Role; scope: string | null } | null {
  const role = typeof payload.role === 'string' && Object.hasOwn(roleLabels, payload.role) ? (payload.role as Role) : null
  if (!role) return null
  return { role, scope: typeof payload.scope === 'string' && payload.scope.trim() !== '' ? payload.scope.trim() : null }
}

/** What a role lets its holder do, in a sentence of the role's letter. */
const roleDuties: Record<Role, string> = {
  applicant: 'подавать заявления в методический актив, следить за их рассмотрением и управлять своими согласиями.',
  municipalCoordinator: 'выдвигать кандидатов от муниципалитета, видеть их заявления и охват муниципалитета методическим активом, подтверждать записи о методической работе членов актива муниципалитета и проводить отбор в муниципальный методический актив.',
  secretary: 'проверять заявления кандидатов, запрашивать сведения, назначать рецензентов, готовить заседания комиссии, записывать голоса и оформлять протоколы.',
  commissionMember: 'писать отзывы на назначенных вам кандидатов, заявлять о конфликте интересов и голосовать на заседаниях комиссии.',
  chair: 'писать отзывы на назначенных вам кандидатов, заявлять о конфликте интересов, голосовать на заседаниях комиссии, возвращать кандидатов на повторное рассмотрение и направлять рекомендованных на согласование.',
  ministryOfficer: 'согласовывать список кандидатов, рекомендованных комиссией, или возвращать его комиссии, регистрировать приказы об утверждении состава.',
  regionalCoordinator: 'настраивать отборы, правила и справочники региона, управлять составом комиссии и сотрудниками, публиковать реестр и вносить изменения в состав актива по приказам.',
  admin: 'управлять учётными записями, ролями и настройками всех регионов.',
  municipalApprover: 'согласовывать состав муниципального методического актива и регистрировать приказы муниципального органа управления образованием.',
}

/** Reasons of a decision: an explicit list, or the transition's joined reason. */
function reasonsOf(payload: Record<string, unknown>): string[] {
  const explicit = strings(payload, 'reasons')
  if (explicit && explicit.length > 0) return explicit
  const reason = str(payload, 'reason')
  // why: the transition service joins MARK_INELIGIBLE reasons with '; '.
  return reason ? reason.split(/;\s+/).filter(Boolean) : []
}

export type DigestSection = { title: string; count: number; items: { label: string; path?: string }[] }

function digestSections(payload: Record<string, unknown>): DigestSection[] {
  const v = payload.sections
  if (!Array.isArray(v)) return []
  return v.flatMap((s): DigestSection[] => {
    if (!s || typeof s !== 'object') return []
    const o = s as Record<string, unknown>
    if (typeof o.title !== 'string') return []
    const items = Array.isArray(o.items)
      ? o.items.flatMap((i) => {
          if (!i || typeof i !== 'object') return []
          const r = i as Record<string, unknown>
          return typeof r.label === 'string' ? [{ label: r.label, path: typeof r.path === 'string' ? r.path : undefined }] : []
        })
      : []
    return [{ title: o.title, count: typeof o.count === 'number' ? o.count : items.length, items }]
  })
}

function url(ctx: MailContext, path: string): string {
  return `${ctx.baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`
}

const appNo = (ctx: MailContext) => (ctx.applicationId != null ? `№ ${ctx.applicationId}` : '')
const appRef = (ctx: MailContext) => `заявление ${appNo(ctx)}`.trim()
const who = (ctx: MailContext) => ctx.personName ?? 'кандидат'
const campaign = (ctx: MailContext) => (ctx.campaignTitle ? `«${ctx.campaignTitle}»` : '')
const region = (ctx: MailContext) => (ctx.regionName ? ` (${ctx.regionName})` : '')
const applicationLink = (ctx: MailContext): Block[] =>
  ctx.applicationId != null ? [link(`Открыть ${appRef(ctx)}`, url(ctx, `/applications/${ctx.applicationId}`))] : [link('Открыть личный кабинет', url(ctx, '/dashboard'))]
const dashboardLink = (ctx: MailContext): Block => link('Открыть личный кабинет', url(ctx, '/dashboard'))
/** The meeting an appeal's letter names (an ISO instant in the payload), if it is one. */
const meetingAtOf = (payload: Record<string, unknown>) =>
  typeof payload.meetingAt === 'string' && !Number.isNaN(Date.parse(payload.meetingAt)) ? payload.meetingAt : null
/** A short text the domain put in the payload (a ground's name, a member's name), or null. */
const textOf = (payload: Record<string, unknown>, key: 'ground' | 'memberName') => {
  const v = payload[key]
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
}
/** « приказом № 12-к от 02.03.2026», or as much of it as the payload has. */
const orderRef = (payload: Record<string, unknown>) => {
  const number = str(payload, 'orderNumber')
  const date = typeof payload.orderDate === 'string' && isDay(payload.orderDate) ? formatDay(payload.orderDate) : null
  return number ? ` приказом № ${number}${date ? ` от ${date}` : ''}` : ''
}
/** A commission meeting's letter: when and where (as the secretary typed it), and where it was before a move. */
function meetingOf(payload: Record<string, unknown>) {
  const text = (key: 'place' | 'previousPlace' | 'commission') => {
    const v = payload[key]
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
  }
  const instant = (key: 'meetingAt' | 'previousAt') => {
    const v = payload[key]
    return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null
  }
  return { at: instant('meetingAt'), place: text('place'), previousAt: instant('previousAt'), previousPlace: text('previousPlace'), commission: text('commission') }
}
const commissionOf = (m: { commission: string | null }, ctx: MailContext) => (m.commission ? `комиссии «${m.commission}»` : `отборочной комиссии${region(ctx)}`)
const appealWaitsAgain = 'Апелляция ждёт другого заседания комиссии: когда её включат в повестку, мы сообщим дату заседания.'

type Template = (payload: Record<string, unknown>, ctx: MailContext) => Letter

const subjectOf = (name: string) => notificationLabels[name] ?? name
// why: a municipal selection is approved by the municipal education authority, not the ministry (issue 10 §6).
const isMunicipal = (ctx: MailContext) => ctx.campaignMunicipality != null && ctx.campaignMunicipality !== ''
const subjectFor = (name: string, ctx: MailContext) => (isMunicipal(ctx) ? (municipalNotificationLabels[name] ?? subjectOf(name)) : subjectOf(name))
/** « (Томская область)», or « (Город Томск)» for a municipality's own selection. */
const selectionPlace = (ctx: MailContext) => (isMunicipal(ctx) ? ` (${ctx.campaignMunicipality})` : region(ctx))
const onApproval = (ctx: MailContext) => (isMunicipal(ctx) ? ' в муниципальный орган управления образованием' : '')
const authority = (ctx: MailContext) => (isMunicipal(ctx) ? 'муниципальным органом управления образованием' : 'органом управления образованием')

export const templates = {
  applicationReceived: (_payload, ctx) => ({
    subject: `${subjectOf('applicationReceived')} ${appNo(ctx)}`.trim(),
    blocks: [
      p(`Ваше ${appRef(ctx)} на включение в методический актив${region(ctx)}${ctx.campaignTitle ? ` по отбору ${campaign(ctx)}` : ''} принято.`),
      p('Сейчас проверяется его соответствие требованиям положения. О результате мы сообщим отдельным письмом.'),
      ...applicationLink(ctx),
    ],
  }),

  informationRequested: (payload, ctx) => {
    const message = str(payload, 'reason')
    const replyBy = str(payload, 'replyBy')
    return {
      subject: `${subjectOf('informationRequested')}: ${appRef(ctx)}`,
      blocks: [
        p(`Секретарь отборочной комиссии просит дополнить ваше ${appRef(ctx)}.`),
        ...(message ? [quote(message)] : []),
        ...(replyBy && isDay(replyBy) ? [p(`Ответить нужно до ${formatDay(replyBy)} включительно (по местному времени региона).`)] : []),
        p('Ответьте на запрос на странице заявления: напишите ответ и приложите документы. После ответа проверка продолжится.'),
        ...applicationLink(ctx),
      ],
    }
  },

  eligibilityResult: (payload, ctx) => {
    const ineligible = str(payload, 'to') === 'ineligible'
    const reasons = reasonsOf(payload)
    return {
      subject: `${subjectOf('eligibilityResult')}: ${appRef(ctx)}`,
      blocks: ineligible
        ? [
            p(`По результатам проверки ваше ${appRef(ctx)} не соответствует требованиям положения о методическом активе.`),
            ...(reasons.length > 0 ? [p('Причины:'), list(reasons)] : []),
            p('Вы можете подать заявление повторно в следующий отбор или обратиться к секретарю комиссии.'),
            ...applicationLink(ctx),
          ]
        : [
            p(`Ваше ${appRef(ctx)} соответствует требованиям положения и передано на рассмотрение отборочной комиссии.`),
            ...applicationLink(ctx),
          ],
    }
  },

  commissionDecision: (payload, ctx) => {
    const to = str(payload, 'to')
    const reason = str(payload, 'reason')
    const text =
      to === 'recommended'
        ? 'Отборочная комиссия рекомендовала вас к включению в методический актив. Список кандидатов будет направлен на согласование в орган управления образованием.'
        : to === 'rejected'
          ? 'Отборочная комиссия не рекомендовала вас к включению в методический актив.'
          : to === 'deferred'
            ? 'Отборочная комиссия отложила рассмотрение вашей кандидатуры до следующего заседания.'
            : `Отборочная комиссия приняла решение по вашему заявлению: ${applicationStateLabels[to ?? ''] ?? 'см. в личном кабинете'}.`
    return {
      subject: `${subjectOf('commissionDecision')}: ${appRef(ctx)}`,
      blocks: [p(text), ...(reason ? [p('Комментарий комиссии:'), quote(reason)] : []), ...applicationLink(ctx)],
    }
  },

  ministryDecision: (_payload, ctx) =>
    ctx.entity === 'campaign'
      ? {
          subject: `${subjectFor('ministryDecision', ctx)}: отбор ${campaign(ctx)}`.trim(),
          blocks: [
            p(`Состав методического актива по отбору ${campaign(ctx)}${selectionPlace(ctx)} согласован ${authority(ctx)}. Можно оформлять приказ и публиковать реестр.`),
            dashboardLink(ctx),
          ],
        }
      : {
          subject: `${subjectFor('ministryDecision', ctx)}: ${appRef(ctx)}`,
          blocks: [
            p(`Ваше включение в ${isMunicipal(ctx) ? 'муниципальный ' : ''}методический актив${selectionPlace(ctx)} согласовано ${authority(ctx)}.`),
            p('После издания приказа сведения о вас будут опубликованы в объёме, разрешённом вашим согласием на распространение персональных данных.'),
            ...applicationLink(ctx),
          ],
        },

  ministryReturned: (payload, ctx) => {
    const reason = str(payload, 'reason')
    const about =
      ctx.entity === 'campaign'
        ? `${isMunicipal(ctx) ? 'Муниципальный орган' : 'Орган'} управления образованием вернул комиссии список кандидатов по отбору ${campaign(ctx)}.`
        : `${isMunicipal(ctx) ? 'Муниципальный орган' : 'Орган'} управления образованием вернул на повторное рассмотрение кандидата ${who(ctx)} (${appRef(ctx)}).`
    return {
      subject: `${subjectFor('ministryReturned', ctx)}${ctx.entity === 'campaign' ? '' : `: ${appRef(ctx)}`}`,
      blocks: [p(about), ...(reason ? [p('Причина:'), quote(reason)] : []), ...(ctx.entity === 'campaign' ? [dashboardLink(ctx)] : applicationLink(ctx))],
    }
  },

  published: (_payload, ctx) => ({
    subject: subjectOf('published'),
    blocks: [
      p(`Поздравляем! Вы включены в методический актив${region(ctx)}.`),
      p(
        'На публичной странице реестра сведения о вас показываются только в объёме, разрешённом вашим согласием на распространение персональных данных. ' +
          'Вы можете изменить или отозвать это согласие в личном кабинете в любой момент.',
      ),
      link('Реестр методического актива', url(ctx, '/roster')),
      dashboardLink(ctx),
    ],
  }),

  excluded: (payload, ctx) => {
    const reason = str(payload, 'reason')
    const order = str(payload, 'orderNumber')
    return {
      subject: subjectOf('excluded'),
      blocks: [
        p(`Вы исключены из методического актива${region(ctx)}${order ? ` приказом № ${order}` : ''}.`),
        ...(reason ? [p('Основание:'), quote(reason)] : []),
        p('Сведения о вас сняты с публичной страницы реестра.'),
        dashboardLink(ctx),
      ],
    }
  },

  // A suspension and a reinstatement (by the coordinator's order of change): the
  // order, the ground by the region's list and the comment, as the exclusion's letter.
  suspended: (payload, ctx) => {
    const reason = str(payload, 'reason')
    const ground = textOf(payload, 'ground')
    return {
      subject: subjectOf('suspended'),
      blocks: [
        p(`Ваше членство в методическом активе${region(ctx)} приостановлено${orderRef(payload)}.`),
        ...(ground ? [p(`Основание: «${ground}».`)] : []),
        ...(reason ? [p('Комментарий:'), quote(reason)] : []),
        p('Пока членство приостановлено, сведения о вас не показываются на публичной странице реестра. О возобновлении членства мы сообщим отдельным письмом.'),
        dashboardLink(ctx),
      ],
    }
  },

  resumed: (payload, ctx) => {
    const reason = str(payload, 'reason')
    return {
      subject: subjectOf('resumed'),
      blocks: [
        p(`Ваше членство в методическом активе${region(ctx)} возобновлено${orderRef(payload)}.`),
        ...(reason ? [p('Комментарий:'), quote(reason)] : []),
        p('Сведения о вас снова показываются на публичной странице реестра в объёме, разрешённом вашим согласием на распространение персональных данных.'),
        dashboardLink(ctx),
      ],
    }
  },

  activitySubmitted: (payload, ctx) => ({
    subject: subjectOf('activitySubmitted'),
    blocks: [
      p(`Член методического актива${region(ctx)} ${str(payload, 'event') === 'RESUBMIT' ? 'доработал и снова отправил' : 'отправил'} запись о своей методической работе на подтверждение.`),
      p('Проверьте запись и подтверждающий документ, затем подтвердите её или верните на доработку с указанием причины.'),
      link('Открыть запись', url(ctx, `/activity/${ctx.entityId ?? ''}`)),
      link('Все записи на подтверждении', url(ctx, '/activity')),
    ],
  }),

  activityConfirmed: (_payload, ctx) => ({
    subject: subjectOf('activityConfirmed'),
    blocks: [
      p('Координатор подтвердил вашу запись о методической работе. Она учитывается в оценке вашей деятельности в составе методического актива.'),
      link('Открыть запись', url(ctx, `/activity/${ctx.entityId ?? ''}`)),
    ],
  }),

  activityReturned: (payload, ctx) => {
    const reason = str(payload, 'reason')
    return {
      subject: subjectOf('activityReturned'),
      blocks: [
        p('Координатор вернул вашу запись о методической работе на доработку.'),
        ...(reason ? [p('Причина:'), quote(reason)] : []),
        p('Исправьте запись и отправьте её снова.'),
        link('Открыть запись', url(ctx, `/activity/${ctx.entityId ?? ''}`)),
      ],
    }
  },

  consentGiven: (payload, ctx) => consentLetter(payload, ctx, 'given'),
  consentChanged: (payload, ctx) => consentLetter(payload, ctx, 'changed'),

  consentWithdrawn: (payload, ctx) => {
    const at = str(payload, 'withdrawnAt') ?? str(payload, 'at')
    return {
      subject: 'Согласие на распространение персональных данных отозвано',
      blocks: [
        p(`Вы отозвали согласие на распространение персональных данных${at ? ` ${formatAt(at, ctx)}` : ''}.`),
        p('Сведения о вас удалены со всех публичных страниц, открытых данных и выгрузок реестра.'),
        p('Если это сделали не вы, сразу сообщите оператору персональных данных.'),
        dashboardLink(ctx),
      ],
    }
  },

  screeningWaiting: (_payload, ctx) => ({
    subject: `${subjectOf('screeningWaiting')}: ${appRef(ctx)}`,
    blocks: [
      p(`Поступило ${appRef(ctx)} кандидата ${who(ctx)}${ctx.campaignTitle ? ` в отбор ${campaign(ctx)}` : ''}. Оно ждёт проверки соответствия требованиям.`),
      ...applicationLink(ctx),
    ],
  }),

  // The applicant withdrew what the commission already had: its secretary stops
  // work on it; at the ministry its officers (or the municipal authority) and,
  // once approved, the coordinator who would publish it hear it too.
  applicationWithdrawn: (payload, ctx) => {
    const stage = str(payload, 'from')
    const onReview = stage != null && !['submitted', 'screening', 'needsInformation'].includes(stage)
    // After the commission's recommendation the file is the ministry's: nothing is left to put on an agenda.
    const decided = stage != null && ['recommended', 'atMinistry', 'approved'].includes(stage)
    // after the approval: the order that names the candidate (the domain adds it when there is one)
    const number = stage === 'approved' ? str(payload, 'orderNumber') : null
    const date = typeof payload.orderDate === 'string' && isDay(payload.orderDate) ? formatDay(payload.orderDate) : null
    const order = number ? `приказ № ${number}${date ? ` от ${date}` : ''}` : null
    const what =
      ctx.recipientRole === 'ministry'
        ? stage === 'approved'
          ? `Кандидат был согласован ${authority(ctx)}, но отозвал заявление до публикации: в реестр методического актива он не войдёт. ${order ? `Кандидат назван в приказе об утверждении состава (${order}): приказ нужно изменить.` : 'Если кандидат назван в приказе об утверждении состава, приказ нужно изменить.'}`
          : 'Заявление снято с согласования: принимать по нему решение и включать кандидата в приказ не нужно.'
        : ctx.recipientRole === 'coordinator'
          ? `Заявление отозвано после согласования${order ? ` (${order})` : ''}: при публикации отбора кандидат не будет включён в реестр методического актива.`
          : decided
            ? 'Заявление отозвано после решения комиссии: в приказ и в актив кандидат по нему не войдёт.'
            : onReview
              ? 'Заявление снято с рассмотрения комиссией: включать его в повестку заседания и принимать по нему решения больше не нужно.'
              : 'Заявление снято с проверки: проверять его и ждать ответа на запрос больше не нужно.'
    return {
      subject: `${subjectOf('applicationWithdrawn')}: ${appRef(ctx)}`,
      blocks: [
        p(`Кандидат ${who(ctx)} ${pastTense(who(ctx), 'отозвал') ?? 'отозвал(а)'} ${appRef(ctx)}${ctx.campaignTitle ? ` (отбор ${campaign(ctx)})` : ''}.`),
        p(what),
        ...applicationLink(ctx),
      ],
    }
  },

  // The ministry sent the applicant's application back to the commission: the
  // applicant hears it is not over (the secretary has ministryReturned).
  returnedToCommission: (payload, ctx) => {
    const reason = str(payload, 'reason')
    return {
      subject: `${subjectOf('returnedToCommission')}: ${appRef(ctx)}`,
      blocks: [
        p(
          `${isMunicipal(ctx) ? 'Муниципальный орган' : 'Орган'} управления образованием не принял решения о включении вас в ${isMunicipal(ctx) ? 'муниципальный ' : ''}методический актив${selectionPlace(ctx)} и вернул ваше ${appRef(ctx)} в отборочную комиссию на повторное рассмотрение.`,
        ),
        ...(reason ? [p('Причина:'), quote(reason)] : []),
        p('Делать ничего не нужно: комиссия рассмотрит заявление снова, о её решении мы сообщим отдельным письмом.'),
        ...applicationLink(ctx),
      ],
    }
  },

  // A member's declared conflict of interest (PRODUCT 1.3): the secretary
  // assigns another reviewer and counts the recusal at the meeting; the
  // secretary's own declaration goes to the chair.
  conflictDeclared: (payload, ctx) => {
    const member = textOf(payload, 'memberName')
    const reason = str(payload, 'reason')
    const others = num(payload, 'count')
    const reviewer = payload.hadReview === true
    const secretary = payload.declarer === 'secretary'
    const whoDeclared = secretary ? 'Секретарь комиссии' : 'Член комиссии'
    return {
      subject: `${secretary ? 'Секретарь комиссии заявил о конфликте интересов' : subjectOf('conflictDeclared')}: ${appRef(ctx)}`,
      blocks: [
        p(
          `${member ? `${whoDeclared} ${member} ${pastTense(member, 'заявил') ?? 'заявил(а)'}` : `${whoDeclared} заявил(а)`} о конфликте интересов по кандидату ${who(ctx)} (${appRef(ctx)}${ctx.campaignTitle ? `, отбор ${campaign(ctx)}` : ''}).`,
        ),
        ...(reason ? [p(`Основание, указанное ${secretary ? 'секретарём' : 'членом'} комиссии:`), quote(reason)] : []),
        p(
          `${whoDeclared} отведён: он не пишет отзыв на кандидата и не голосует по нему${others && others > 1 ? `, в том числе по другим заявлениям этого кандидата в комиссии (всего заявлений: ${others})` : ''}; его голоса по кандидату на незакрытых заседаниях сняты.`,
        ),
        p(
          reviewer
            ? 'Он был назначен рецензентом этого кандидата: назначение снято, назначьте другого рецензента. Учтите отвод при подготовке заседания.'
            : 'Учтите отвод при подготовке заседания и подсчёте голосов по кандидату.',
        ),
        ...applicationLink(ctx),
      ],
    }
  },

  // An account's roles and access (issue 11 §1.4–1.5), changed by an
  // administrator or the region's coordinator: the person hears what changed.
  roleGranted: (payload, ctx) => {
    const g = grantOf(payload)
    return {
      subject: `${subjectOf('roleGranted')}${g ? `: ${roleLabels[g.role]}` : ''}`,
      blocks: [
        p(`Вам назначена роль в реестре методического актива${ctx.regionName ? ` — ${ctx.regionName}` : ''}.`),
        list([...(g ? [`Роль: ${roleLabels[g.role]}`] : []), ...(g?.scope ? [`Где: ${g.scope}`] : []), `Вход по адресу: ${ctx.recipientEmail}`]),
        ...(g ? [p(`Что теперь можно делать: ${roleDuties[g.role]}`)] : []),
        link('Войти в реестр', url(ctx, '/login')),
        p('Если вы не ждали этого письма, сообщите об этом региональному координатору.'),
      ],
    }
  },

  roleRevoked: (payload, ctx) => {
    const g = grantOf(payload)
    return {
      subject: `${subjectOf('roleRevoked')}${g ? `: ${roleLabels[g.role]}` : ''}`,
      blocks: [
        p(
          `С вас снята роль${g ? ` «${roleLabels[g.role]}»${g.scope ? ` (${g.scope})` : ''}` : ''} в реестре методического актива${ctx.regionName ? ` — ${ctx.regionName}` : ''}. Действия этой роли вам больше недоступны.`,
        ),
        p('Учётная запись остаётся действующей: другие ваши роли и личный кабинет сохраняются.'),
        link('Войти в реестр', url(ctx, '/login')),
      ],
    }
  },

  accountDeactivated: (_payload, ctx) => ({
    subject: subjectOf('accountDeactivated'),
    blocks: [
      p(`Ваша учётная запись ${ctx.recipientEmail} в реестре методического актива${ctx.regionName ? ` — ${ctx.regionName}` : ''} отключена. Все её сеансы завершены, войти в реестр больше нельзя.`),
      p('Если вы считаете, что это ошибка, обратитесь к региональному координатору.'),
      // the public pages stay open to everyone: the one link a switched-off account can still use
      link('Публичный реестр методического актива', url(ctx, '/roster')),
    ],
  }),

  accountReactivated: (_payload, ctx) => ({
    subject: subjectOf('accountReactivated'),
    blocks: [
      p(`Ваша учётная запись ${ctx.recipientEmail} в реестре методического актива${ctx.regionName ? ` — ${ctx.regionName}` : ''} снова включена: можно войти с прежним паролем, роли учётной записи действуют снова.`),
      link('Войти в реестр', url(ctx, '/login')),
      p('Если вы не помните пароль, восстановите его на странице входа.'),
    ],
  }),

  reviewWaiting: (_payload, ctx) => ({
    subject: `${subjectOf('reviewWaiting')}: ${appRef(ctx)}`,
    blocks: [p(`Кандидат ${who(ctx)} (${appRef(ctx)}) допущен к рассмотрению отборочной комиссией.`), ...applicationLink(ctx)],
  }),

  approvalWaiting: (_payload, ctx) =>
    ctx.entity === 'campaign'
      ? {
          subject: `${subjectFor('approvalWaiting', ctx)}: отбор ${campaign(ctx)}`.trim(),
          blocks: [p(`Список кандидатов по отбору ${campaign(ctx)}${selectionPlace(ctx)} направлен на согласование${onApproval(ctx)}.`), dashboardLink(ctx)],
        }
      : {
          subject: `${subjectFor('approvalWaiting', ctx)}: ${appRef(ctx)}`,
          blocks: [p(`Кандидат ${who(ctx)} (${appRef(ctx)}) рекомендован комиссией и направлен на согласование${onApproval(ctx)}.`), ...applicationLink(ctx)],
        },

  informationProvided: (_payload, ctx) => ({
    subject: `${subjectOf('informationProvided')}: ${appRef(ctx)}`,
    blocks: [
      p(`Кандидат ${who(ctx)} ответил на запрос сведений (${appRef(ctx)}). Ответ и приложенные документы — на странице заявления; проверку можно продолжить.`),
      ...applicationLink(ctx),
    ],
  }),

  campaignClosed: (_payload, ctx) => ({
    subject: `${subjectOf('campaignClosed')}: ${campaign(ctx) || 'отбор'}`,
    blocks: [p(`Приём заявлений в отбор ${campaign(ctx)}${region(ctx)} завершён. Можно переходить к рассмотрению кандидатов.`), dashboardLink(ctx)],
  }),

  digest: (payload, ctx) => {
    const sections = digestSections(payload).filter((s) => s.count > 0)
    const total = sections.reduce((n, s) => n + s.count, 0)
    return {
      subject: `Ждут вашего внимания: ${total}`,
      blocks: [
        p(sections.length > 0 ? 'Вот что ждёт вас в реестре методического актива:' : 'Сейчас ничего не ждёт вашего внимания.'),
        ...sections.flatMap((s) => {
          const more = s.count - s.items.length
          return [
            heading(`${s.title}: ${s.count}`),
            list([...s.items.map((i) => (i.path ? `${i.label} — ${url(ctx, i.path)}` : i.label)), ...(more > 0 ? [`и ещё ${more}`] : [])]),
          ]
        }),
        dashboardLink(ctx),
      ],
    }
  },

  // Self-service accounts (issue 11). The token is the only copy of the link's
  // secret (the database keeps its hash); a payload without a well-formed one
  // points to the page that sends a new link.
  passwordReset: (payload, ctx) => {
    const t = token(payload)
    return {
      subject: subjectOf('passwordReset'),
      blocks: [
        p(`Кто-то, возможно вы, попросил восстановить пароль учётной записи ${ctx.recipientEmail} в реестре методического актива.`),
        t ? link('Задать новый пароль', url(ctx, `/reset/${t}`)) : link('Запросить новую ссылку', url(ctx, '/forgot')),
        p('Ссылка действует 1 час и только один раз. После смены пароля все открытые сеансы этой учётной записи завершатся.'),
        p('Если вы не просили восстановить пароль, ничего делать не нужно: пароль останется прежним.'),
      ],
    }
  },

  emailConfirmation: (payload, ctx) => {
    const t = token(payload)
    // Back to the page the person registered from (a selection's form), checked again here: it becomes part of a link.
    const next = safeRedirect(payload.next, '')
    return {
      subject: subjectOf('emailConfirmation'),
      blocks: [
        p(`Подтвердите, что адрес ${ctx.recipientEmail} принадлежит вам: без этого нельзя подать заявление в методический актив.`),
        t ? link('Подтвердить адрес', url(ctx, `/confirm/${t}${next ? `?redirectTo=${encodeURIComponent(next)}` : ''}`)) : link('Открыть личный кабинет', url(ctx, '/dashboard')),
        p('Ссылка действует 7 дней. Если она устареет, войдите в реестр и запросите новое письмо на странице «Подтверждение адреса».'),
        p('Если вы не регистрировались в реестре, ничего делать не нужно: без подтверждения учётная запись не сможет подать заявление.'),
      ],
    }
  },
  // Stage deadlines (issue 11, §4.2): sent by the reminder job
  // (app/domain/stage-reminders.server.ts) to whoever answers for the stage.
  stageReminder: (payload, ctx) => {
    const r = reminderOf(payload)
    if (!r) return { subject: subjectOf('stageReminder'), blocks: [p('Приближается срок одного из этапов отбора.'), dashboardLink(ctx)] }
    const stageName = stageLabelsOf(isMunicipal(ctx))[r.stage]
    const about = `этапа «${stageName}» по отбору ${campaign(ctx)}${selectionPlace(ctx)}`
    return {
      subject: `${subjectOf('stageReminder')}: ${stageName} — ${r.kind === 'due' ? 'сегодня последний день' : `до ${formatDay(r.deadline)}`}`,
      blocks: [
        p(
          r.kind === 'due'
            ? `Сегодня, ${formatDay(r.deadline)}, — последний день ${about}.`
            : `До окончания ${about} осталось ${pluralDays(r.daysLeft ?? 0)}: срок — ${formatDay(r.deadline)} включительно.`,
        ),
        p('Срок истекает в полночь по местному времени региона.'),
        ...(stageTodo(r.stage, r.count, isMunicipal(ctx)) ? [p(stageTodo(r.stage, r.count, isMunicipal(ctx))!)] : []),
        r.stage === 'review' ? link('Мои отзывы на кандидатов', url(ctx, '/reviews')) : dashboardLink(ctx),
      ],
    }
  },

  reviewOverdue: (payload, ctx) => {
    const r = reminderOf({ ...payload, stage: 'review' })
    const late = num(payload, 'daysOverdue')
    return {
      subject: `${subjectOf('reviewOverdue')}: ${campaign(ctx) || 'отбор'}`,
      blocks: [
        p(
          `Срок отзывов по отбору ${campaign(ctx)}${region(ctx)} истёк${r ? ` ${formatDay(r.deadline)}` : ''}${late ? `: просрочено на ${pluralDays(late)}` : ''}.` +
            (r?.count ? ` Ждут вашего отзыва кандидатов: ${r.count}.` : ''),
        ),
        p('Напоминание приходит раз в день, пока отзывы не отправлены.'),
        link('Мои отзывы на кандидатов', url(ctx, '/reviews')),
      ],
    }
  },

  // A staff invitation (issue 11 §1.3): the role by its Russian name, where it
  // acts, the one-time link and when it stops working, in the region's zone.
  invitation: (payload, ctx) => {
    const t = token(payload)
    const role = typeof payload.role === 'string' && Object.hasOwn(roleLabels, payload.role) ? roleLabels[payload.role as Role] : null
    const scope = typeof payload.scope === 'string' && payload.scope.trim() !== '' ? payload.scope.trim() : null
    const expires = typeof payload.expiresAt === 'string' && !Number.isNaN(Date.parse(payload.expiresAt)) ? payload.expiresAt : null
    return {
      subject: `${subjectOf('invitation')}${region(ctx)}`,
      blocks: [
        p(`Вас приглашают работать в реестре методического актива${ctx.regionName ? ` — ${ctx.regionName}` : ''}.`),
        list([...(role ? [`Роль: ${role}`] : []), ...(scope ? [`Где: ${scope}`] : []), `Вход по адресу: ${ctx.recipientEmail}`]),
        t ? link('Принять приглашение', url(ctx, `/invitations/${t}`)) : dashboardLink(ctx),
        p(
          `${expires ? `Ссылка действует до ${formatLongDateTime(expires, ctx.timeZone ?? FALLBACK_TIME_ZONE)}` : 'Ссылка действует 7 дней'} и только один раз. Если учётной записи с этим адресом ещё нет, по ссылке вы зададите имя и пароль; если есть — войдите в неё и примите приглашение.`,
        ),
        p('Если вы не ждали этого письма, ничего делать не нужно: без перехода по ссылке роль не будет выдана.'),
      ],
    }
  },

  // A coordinator's import of the region's events (issue 10 §1.3): the member
  // did not write this record, so the letter says where it came from.
  activityImported: (_payload, ctx) => ({
    subject: subjectOf('activityImported'),
    blocks: [
      p(`Координатор${region(ctx)} внёс в учёт вашей методической работы ваше участие в мероприятии региона. Запись подтверждена и учитывается в оценке вашей деятельности в составе методического актива.`),
      link('Открыть запись', url(ctx, `/activity/${ctx.entityId ?? ''}`)),
      link('Все мои записи', url(ctx, '/my/activity')),
    ],
  }),

  // Terms (issue 10 §3.2–3.3): the reminders 90 and 30 days before a term
  // ends (app/domain/member-terms.server.ts), to the member and to the
  // region's coordinators, and the end itself, to the member.
  termReminder: (payload, ctx) => {
    const t = termOf(payload)
    const end = t ? formatDay(t.termEndsOn) : null
    const left = t?.daysLeft != null ? pluralDays(t.daysLeft) : null
    const staff = ctx.recipientRole === 'coordinator'
    return {
      subject: `${subjectOf('termReminder')}${end ? ` ${end}` : ''}${staff && ctx.personName ? `: ${ctx.personName}` : ''}`,
      blocks: staff
        ? [
            // «срок полномочий члена актива Орловой Анны Петровны»: the name in the genitive, or after a dash when it cannot be declined
            p(
              `Срок полномочий члена методического актива${region(ctx)}${ctx.personName ? (declineFullName(ctx.personName, 'genitive') ? ` ${declineFullName(ctx.personName, 'genitive')}` : ` — ${ctx.personName} —`) : ''} истекает${end ? ` ${end}` : ''}${left ? ` (осталось ${left})` : ''}.`,
            ),
            p('На следующий день после окончания срока член актива будет выведен из состава автоматически, со ссылкой на приказ, которым срок был установлен. Продлить участие можно через новый отбор.'),
            link('Открыть карточку члена актива', url(ctx, `/members/${ctx.entityId ?? ''}`)),
          ]
        : [
            p(`Срок ваших полномочий члена методического актива${region(ctx)} истекает${end ? ` ${end}` : ''}${left ? `: осталось ${left}` : ''}.`),
            p('Чтобы продолжить работу в активе, следите за открытыми отборами региона и подайте заявление. Подтверждённые записи о вашей методической работе учитываются при оценке.'),
            link('Открытые отборы', url(ctx, '/campaigns')),
            dashboardLink(ctx),
          ],
    }
  },

  termExpired: (payload, ctx) => {
    const reason = str(payload, 'reason')
    return {
      subject: subjectOf('termExpired'),
      blocks: [
        p(`Срок ваших полномочий члена методического актива${region(ctx)} истёк.`),
        ...(reason ? [p(reason.endsWith('.') ? reason : `${reason}.`)] : []),
        p('Сведения о вас сняты с публичной страницы реестра. Вернуться в актив можно через новый отбор.'),
        dashboardLink(ctx),
      ],
    }
  },

  // Appeals (issue 10 §5): the applicant hears of each step; the secretary of
  // a new appeal. The appeal's text is not repeated in a letter.
  appealFiled: (_payload, ctx) => ({
    subject: `${subjectOf('appealFiled')}: ${appRef(ctx)}`,
    blocks: [
      p(`Ваша апелляция на решение по ${appRef(ctx).replace('заявление', 'заявлению')}${ctx.campaignTitle ? ` (отбор ${campaign(ctx)})` : ''} подана.`),
      p('Её рассмотрит отборочная комиссия на заседании. Когда апелляцию включат в повестку, мы сообщим дату заседания.'),
      ...applicationLink(ctx),
    ],
  }),

  appealWaiting: (_payload, ctx) => ({
    subject: `${subjectOf('appealWaiting')}: ${who(ctx)}`,
    blocks: [
      p(`Кандидат ${who(ctx)} ${pastTense(who(ctx), 'подал') ?? 'подал(а)'} апелляцию на решение по ${appRef(ctx).replace('заявление', 'заявлению')}${ctx.campaignTitle ? ` (отбор ${campaign(ctx)})` : ''}.`),
      p('Включите апелляцию в повестку ближайшего заседания комиссии: на странице заседания, в разделе «Другие вопросы повестки».'),
      link('Апелляции, ожидающие заседания', url(ctx, '/commission/appeals')),
    ],
  }),

  // Withdrawn while it waited for a meeting: the secretary, asked by appealWaiting to
  // put it on an agenda, no longer has to.
  appealWithdrawn: (_payload, ctx) => ({
    subject: `${subjectOf('appealWithdrawn')}: ${who(ctx)}`,
    blocks: [
      p(`Кандидат ${who(ctx)} ${pastTense(who(ctx), 'отозвал') ?? 'отозвал(а)'} апелляцию на решение по ${appRef(ctx).replace('заявление', 'заявлению')}${ctx.campaignTitle ? ` (отбор ${campaign(ctx)})` : ''}.`),
      p('Включать её в повестку заседания комиссии больше не нужно; решение по заявлению остаётся в силе.'),
      link('Апелляции, ожидающие заседания', url(ctx, '/commission/appeals')),
    ],
  }),

  appealScheduled: (payload, ctx) => {
    const at = meetingAtOf(payload)
    return {
      subject: `${subjectOf('appealScheduled')}: ${appRef(ctx)}`,
      blocks: [
        p(
          at
            ? `Вашу апелляцию рассмотрит отборочная комиссия на заседании ${formatLongDateTime(at, ctx.timeZone ?? FALLBACK_TIME_ZONE)}.`
            : 'Вашу апелляцию включили в повестку заседания отборочной комиссии.',
        ),
        p('О решении комиссии мы сообщим отдельным письмом.'),
        ...applicationLink(ctx),
      ],
    }
  },

  // Off the agenda before the vote: the date the applicant was given no longer holds.
  appealUnscheduled: (payload, ctx) => {
    const at = meetingAtOf(payload)
    return {
      subject: `${subjectOf('appealUnscheduled')}: ${appRef(ctx)}`,
      blocks: [
        p(`Вашу апелляцию исключили из повестки заседания отборочной комиссии${at ? ` ${formatLongDateTime(at, ctx.timeZone ?? FALLBACK_TIME_ZONE)}` : ''}.`),
        p(appealWaitsAgain),
        ...applicationLink(ctx),
      ],
    }
  },

  appealMeetingCancelled: (payload, ctx) => {
    const at = meetingAtOf(payload)
    return {
      subject: `${subjectOf('appealMeetingCancelled')}: ${appRef(ctx)}`,
      blocks: [
        p(`Заседание отборочной комиссии${at ? ` ${formatLongDateTime(at, ctx.timeZone ?? FALLBACK_TIME_ZONE)}` : ''}, на котором должны были рассмотреть вашу апелляцию, отменено.`),
        p(appealWaitsAgain),
        ...applicationLink(ctx),
      ],
    }
  },

  appealUpheld: (_payload, ctx) => ({
    subject: `${subjectOf('appealUpheld')}: ${appRef(ctx)}`,
    blocks: [
      p('Отборочная комиссия удовлетворила вашу апелляцию. Заявление возвращено на рассмотрение; о дальнейших решениях мы сообщим.'),
      ...applicationLink(ctx),
    ],
  }),

  appealDismissed: (payload, ctx) => {
    const reason = str(payload, 'reason')
    return {
      subject: `${subjectOf('appealDismissed')}: ${appRef(ctx)}`,
      blocks: [
        p('Отборочная комиссия отклонила вашу апелляцию. Решение по заявлению остаётся в силе.'),
        ...(reason ? [p('Основание:'), quote(reason)] : []),
        ...applicationLink(ctx),
      ],
    }
  },

  // Commission meetings: every member but the one who acted hears of a meeting
  // ahead set, moved or cancelled, in the region's wall clock.
  meetingScheduled: (payload, ctx) => {
    const m = meetingOf(payload)
    const when = m.at ? formatLongDateTime(m.at, ctx.timeZone ?? FALLBACK_TIME_ZONE) : null
    return {
      subject: `${subjectOf('meetingScheduled')}${m.at ? `: ${formatDate(m.at, ctx.timeZone ?? FALLBACK_TIME_ZONE)}` : ''}`,
      blocks: [
        p(`Назначено заседание ${commissionOf(m, ctx)}.`),
        list([...(when ? [`Когда: ${when}`] : []), ...(m.place ? [`Где: ${m.place}`] : [])]),
        p('Повестка и кандидаты к рассмотрению — на странице заседания.'),
        link('Открыть заседание', url(ctx, `/meetings/${ctx.entityId ?? ''}`)),
      ],
    }
  },

  meetingMoved: (payload, ctx) => {
    const m = meetingOf(payload)
    const zone = ctx.timeZone ?? FALLBACK_TIME_ZONE
    const when = m.at ? formatLongDateTime(m.at, zone) : null
    const timeChanged = m.at != null && m.previousAt != null && Date.parse(m.at) !== Date.parse(m.previousAt)
    const placeChanged = m.previousPlace != null && m.previousPlace !== m.place
    return {
      // Only the place changed: the meeting is not «перенесено» in the subject either.
      subject: `${timeChanged || !placeChanged ? subjectOf('meetingMoved') : 'Изменилось место заседания комиссии'}${m.at ? `: ${formatDate(m.at, zone)}` : ''}`,
      blocks: [
        p(timeChanged || !placeChanged ? `Заседание ${commissionOf(m, ctx)} перенесено.` : `Изменилось место заседания ${commissionOf(m, ctx)}.`),
        list([...(when ? [`Когда: ${when}`] : []), ...(m.place ? [`Где: ${m.place}`] : [])]),
        ...(timeChanged || placeChanged
          ? [p(`Прежде было: ${[timeChanged ? formatLongDateTime(m.previousAt!, zone) : null, placeChanged ? m.previousPlace : null].filter(Boolean).join(', ')}.`)]
          : []),
        link('Открыть заседание', url(ctx, `/meetings/${ctx.entityId ?? ''}`)),
      ],
    }
  },

  meetingCancelled: (payload, ctx) => {
    const m = meetingOf(payload)
    const zone = ctx.timeZone ?? FALLBACK_TIME_ZONE
    return {
      subject: `${subjectOf('meetingCancelled')}${m.at ? `: ${formatDate(m.at, zone)}` : ''}`,
      blocks: [
        p(`Заседание ${commissionOf(m, ctx)}${m.at ? ` ${formatLongDateTime(m.at, zone)}` : ''}${m.place ? ` (${m.place})` : ''} отменено.`),
        p('Кандидаты и вопросы его повестки ждут другого заседания: о новом заседании придёт отдельное письмо.'),
        link('Заседания комиссии', url(ctx, `/meetings${ctx.entityId != null ? `?commission=${ctx.entityId}` : ''}`)),
      ],
    }
  },

  // The yearly indicator report (issue 10 §2.5): to the commission's secretary
  // when it is sent for approval, to the regional coordinators when decided.
  reportSubmitted: (_payload, ctx) => ({
    subject: `${subjectOf('reportSubmitted')}${region(ctx)}`,
    blocks: [
      p(`Региональный координатор направил отчёт о достижении показателей${region(ctx)} на утверждение комиссией.`),
      p('Включите его в повестку ближайшего заседания: раздел «Другие вопросы повестки» на странице заседания.'),
      link('Открыть отчёт', url(ctx, `/reports/${ctx.entityId ?? ''}`)),
    ],
  }),

  // Taken back by the coordinator before a meeting took it: off the secretary's list of questions.
  reportWithdrawn: (_payload, ctx) => ({
    subject: `${subjectOf('reportWithdrawn')}${region(ctx)}`,
    blocks: [
      p(`Региональный координатор отозвал отчёт о достижении показателей${region(ctx)} с утверждения комиссией, чтобы доработать его.`),
      p('Включать его в повестку заседания сейчас не нужно. Когда координатор направит отчёт снова, придёт отдельное письмо.'),
      link('Открыть отчёт', url(ctx, `/reports/${ctx.entityId ?? ''}`)),
    ],
  }),

  reportApproved: (_payload, ctx) => ({
    subject: subjectOf('reportApproved'),
    blocks: [p('Комиссия утвердила отчёт о достижении показателей.'), link('Открыть отчёт', url(ctx, `/reports/${ctx.entityId ?? ''}`))],
  }),

  reportReturned: (payload, ctx) => {
    const reason = str(payload, 'reason')
    return {
      subject: subjectOf('reportReturned'),
      blocks: [
        p('Комиссия не утвердила отчёт о достижении показателей и вернула его на доработку.'),
        ...(reason ? [p('Решение:'), quote(reason)] : []),
        link('Открыть отчёт', url(ctx, `/reports/${ctx.entityId ?? ''}`)),
      ],
    }
  },
} satisfies Record<string, Template>

export type TemplateName = keyof typeof templates
/**
 * The dissemination consent as now stored: the first one (with the application
 * form, a nomination or /my/consent) is «дано», a later one «изменено».
 */
function consentLetter(payload: Record<string, unknown>, ctx: MailContext, kind: 'given' | 'changed'): Letter {
  const fields = (strings(payload, 'fields') ?? []).map((f) => publicFieldLabels[f as PublicField]).filter(Boolean)
  const conditions = str(payload, 'conditions')
  return {
    subject: kind === 'given' ? 'Согласие на распространение персональных данных дано' : 'Согласие на распространение персональных данных изменено',
    blocks: [
      p(
        kind === 'given'
          ? 'В реестре методического актива записано ваше согласие на распространение персональных данных, разрешённых для публикации.'
          : 'Вы изменили согласие на распространение персональных данных, разрешённых для публикации в реестре методического актива.',
      ),
      ...(fields.length > 0
        ? [p(kind === 'given' ? 'Публикуются только:' : 'Теперь публикуются только:'), list(fields)]
        : [p('Сейчас вы не разрешили публиковать ни одного сведения, поэтому вас нет на публичных страницах реестра.')]),
      ...(conditions ? [p('Ваши условия и запреты:'), quote(conditions)] : []),
      p('Если это сделали не вы, сразу сообщите оператору персональных данных.'),
      dashboardLink(ctx),
    ],
  }
}

export const templateNames = Object.keys(templates) as TemplateName[]

export function isTemplate(name: string): name is TemplateName {
  return Object.hasOwn(templates, name)
}

export function renderMail({ template, payload, context }: MailInput): RenderedMail {
  if (!isTemplate(template)) throw new UnknownTemplate(template)
  const letter = (templates[template] as Template)(payload ?? {}, context)
  return { subject: oneLine(letter.subject), text: toText(letter, context), html: toHtml(letter, context) }
}

const greeting = (ctx: MailContext) => (ctx.recipientName ? `Здравствуйте, ${ctx.recipientName}!` : 'Здравствуйте!')
const footer = (ctx: MailContext) =>
  `Это автоматическое письмо реестра методического актива${region(ctx)}. Отвечать на него не нужно.`

// why: a subject is a header line; a name or title with a line break must not
// start a new header (nodemailer folds, but we never want two lines).
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

function toText(letter: Letter, ctx: MailContext): string {
  const out: string[] = [greeting(ctx), '']
  for (const b of letter.blocks) {
    switch (b.kind) {
      case 'p':
        out.push(b.text, '')
        break
      case 'heading':
        out.push(b.text)
        break
      case 'list':
        out.push(...b.items.map((i) => `  • ${i}`), '')
        break
      case 'quote':
        out.push(...b.text.split(/\r?\n/).map((l) => `> ${l}`), '')
        break
      case 'link':
        out.push(`${b.label}: ${b.url}`, '')
        break
    }
  }
  out.push('—', footer(ctx), '')
  return out.join('\n')
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

// why: links are built from our own base URL, but a misconfigured PUBLIC_URL
// must not turn into a javascript: link in a mail client.
const safeHref = (u: string) => (/^https?:\/\//i.test(u) ? u : '#')

function toHtml(letter: Letter, ctx: MailContext): string {
  const body: string[] = [`<p>${escapeHtml(greeting(ctx))}</p>`]
  for (const b of letter.blocks) {
    switch (b.kind) {
      case 'p':
        body.push(`<p>${escapeHtml(b.text)}</p>`)
        break
      case 'heading':
        body.push(`<h3 style="font-size:16px;margin:16px 0 4px">${escapeHtml(b.text)}</h3>`)
        break
      case 'list':
        body.push(`<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`)
        break
      case 'quote':
        body.push(
          `<blockquote style="margin:8px 0;padding:4px 12px;border-left:3px solid #999">${escapeHtml(b.text).replace(/\r?\n/g, '<br>')}</blockquote>`,
        )
        break
      case 'link':
        body.push(`<p><a href="${escapeHtml(safeHref(b.url))}">${escapeHtml(b.label)}</a></p>`)
        break
    }
  }
  body.push(`<hr><p style="color:#555;font-size:13px">${escapeHtml(footer(ctx))}</p>`)
  return [
    '<!doctype html>',
    '<html lang="ru"><head><meta charset="utf-8">',
    `<title>${escapeHtml(oneLine(letter.subject))}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#111">',
    ...body,
    '</body></html>',
  ].join('\n')
}

/** «1 июля 2026 года в 00.30 (местное время, UTC+10)»: the region's wall clock; a letter with no region says UTC+3 outright. */
function formatAt(iso: string, ctx: MailContext): string {
  if (Number.isNaN(new Date(iso).getTime())) return ''
  return formatLongDateTime(iso, ctx.timeZone ?? FALLBACK_TIME_ZONE)
}

// Payload readers of the stage reminders: a stage, a day and small counts only.
const num = (payload: Record<string, unknown>, key: 'daysLeft' | 'daysOverdue' | 'count'): number | null => {
  const v = payload[key]
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000 ? v : null
}

function reminderOf(payload: Record<string, unknown>): { stage: Stage; kind: 'before' | 'due'; deadline: string; daysLeft: number | null; count: number | null } | null {
  const stage = stages.find((s) => s === payload.stage)
  const deadline = typeof payload.deadline === 'string' && isDay(payload.deadline) ? payload.deadline : null
  if (!stage || !deadline) return null
  return { stage, kind: payload.kind === 'due' ? 'due' : 'before', deadline, daysLeft: num(payload, 'daysLeft'), count: num(payload, 'count') }
}

/** What the stage asks of the reader, with what waits when it is known. */
function stageTodo(stage: Stage, count: number | null, municipal: boolean): string | null {
  switch (stage) {
    case 'applications':
      return 'После этого приём заявлений закроется автоматически; заявления, поданные позже, не принимаются.'
    case 'screening':
      return count ? `Ждут проверки заявлений: ${count}.` : 'Проверьте поступившие заявления на соответствие требованиям.'
    case 'review':
      return count ? `Ждут вашего отзыва кандидатов: ${count}.` : null
    case 'meeting':
      return 'Подготовьте заседание комиссии: повестку, кандидатов к рассмотрению и состав участников.'
    case 'decision':
      return municipal
        ? 'Ожидается решение муниципального органа управления образованием о согласовании состава муниципального методического актива.'
        : 'Ожидается решение министерства о согласовании состава методического актива.'
  }
}

// Payload reader of the term reminders: a day and a small count only.
function termOf(payload: Record<string, unknown>): { termEndsOn: string; daysLeft: number | null } | null {
  const day = typeof payload.termEndsOn === 'string' && isDay(payload.termEndsOn) ? payload.termEndsOn : null
  if (!day) return null
  const left = payload.daysLeft
  return { termEndsOn: day, daysLeft: typeof left === 'number' && Number.isInteger(left) && left >= 0 && left <= 366 ? left : null }
}
