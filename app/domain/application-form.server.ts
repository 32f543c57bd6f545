import { db, inTransaction, type Db, type Tx } from '../../db/client.server'
import { activeApplicationIn, applicationForEdit, updateDraft, type DraftRow } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignById } from '../../db/queries/campaigns.server'
import { currentConsent } from '../../db/queries/consents.server'
import { groupsOf } from '../../db/queries/directions.server'
import { evidenceOf, type EvidenceMeta } from '../../db/queries/evidence.server'
import { ensureOrganisation, workplaceById, workplaceOptions } from '../../db/queries/organisations.server'
import { resolveRecipients } from '../../db/queries/outbox.server'
import { personById, updatePerson } from '../../db/queries/people.server'
import { privateDataOf, upsertPhoneAndBirthDate } from '../../db/queries/person-private.server'
import { municipalitiesOf, regionById, type Region } from '../../db/queries/regions.server'
import { ruleSetById } from '../../db/queries/rule-sets.server'
import { linkUserPerson, userById } from '../../db/queries/users.server'
import { AppError, Forbidden, NotFound, StaleRow } from '../../workflows/errors'
import { fieldFacts, type ApplicationForm, type ApplicationFormLists, type ApplicationFormValues } from '~/model/inputs/application'
import { FormInvalid } from '~/model/inputs/form-invalid'
import { can, type Actor } from '~/model/permissions'
import { createApplication, DuplicateApplication } from './applications.server'
import { consentDocuments, giveProcessingConsent, recordDisseminationConsent, type ConsentChange } from './consent.server'
import { checkFiles, storeFiles, type UploadedFile } from './evidence.server'
import { CONSENT_TEXT_VERSIONS, publicFieldLabels } from '~/model/consent'
import { factCatalog, type Facts, type RuleSet } from '~/model/eligibility'
import { baseCatalogue, type Catalogue } from '~/model/fact-catalogue'
import { catalogueOf } from './region-facts.server'
import { intakeRefusal } from '~/model/campaign-intake'

// The one application form (self-nomination, municipal nomination, editing a
// draft): who may fill it in for which campaign, what it shows, and saving it
// with its evidence files and the consents given with it. The open campaigns
// list is campaign-list.server.ts; evidence, evidence.server.ts; consents,
// consent.server.ts.

export type FormTarget =
  | { mode: 'self'; campaignId: number }
  | { mode: 'nominate'; campaignId: number }
  | { mode: 'edit'; applicationId: number }

// --- the form's context -----------------------------------------------------

type Resolved = {
  campaign: { id: number; title: string; state: string; regionId: number; regionName: string; closesOn: string | null; timeZone: string }
  region: Region
  ruleSet: RuleSet
  municipalities: { id: number; name: string }[]
  draft: DraftRow | null
  ownPersonId: number | null
  nominating: boolean
}

async function municipalityInRegion(regionId: number, municipalityId: number, t: Db) {
  return (await municipalitiesOf(regionId, t)).some((m) => m.id === municipalityId)
}

async function resolve(actor: Actor, target: FormTarget, t: Db = db(), lock = false): Promise<Resolved> {
  const draft = target.mode === 'edit' ? ((await applicationForEdit(target.applicationId, t, lock)) ?? null) : null
  if (target.mode === 'edit' && !draft) throw new NotFound('application', target.applicationId)
  const campaignId = draft ? draft.campaignId : (target as { campaignId: number }).campaignId
  const campaign = await campaignById(campaignId, t)
  if (!campaign) throw new NotFound('campaign', campaignId)
  const region = await regionById(campaign.regionId, t)
  if (!region) throw new NotFound('region', campaign.regionId)
  const stored = await ruleSetById(campaign.ruleSetId, t)
  if (!stored) throw new NotFound('ruleSet', campaign.ruleSetId)
  const all = await municipalitiesOf(region.id, t)
  let municipalities = all.map((m) => ({ id: m.id, name: m.name }))
  let ownPersonId: number | null = null

  const nominating = target.mode === 'nominate' || (draft !== null && draft.source !== 'self')
  if (target.mode === 'edit') {
    const d = draft as DraftRow
    const owner = d.ownerUserId !== null && d.ownerUserId === actor.userId && can(actor, 'application:create', { ownerUserId: d.ownerUserId })
    const nominator = d.nominatedBy !== null && d.nominatedBy === actor.userId && can(actor, 'application:nominate', d)
    if (!owner && !nominator) throw new Forbidden('application.edit')
    if (d.state !== 'draft') throw new AppError('NOT_DRAFT', 409, 'Изменять можно только черновик: заявление уже подано.', { state: d.state })
  } else if (target.mode === 'self') {
    if (!can(actor, 'application:create', { ownerUserId: actor.userId })) throw new Forbidden('application.create')
  }
  if (nominating) {
    municipalities = municipalities.filter((m) => can(actor, 'application:nominate', { municipalityId: m.id, regionId: region.id }))
    if (municipalities.length === 0) throw new Forbidden('application.nominate')
  }
  if (target.mode === 'self' || (draft && draft.source === 'self')) {
    const user = await userById(actor.userId, t)
    ownPersonId = draft ? draft.personId : (user?.personId ?? null)
    if (ownPersonId !== null && target.mode === 'self') {
      const person = await personById(ownPersonId, t)
      if (person && person.regionId !== region.id) {
        throw new AppError('OTHER_REGION', 409, 'Вы зарегистрированы в другом регионе: подать заявление можно только в отбор своего региона.')
      }
    }
  }
  const refusal = target.mode !== 'edit' ? intakeRefusal(campaign, new Date()) : null
  if (refusal) throw new AppError(refusal.code, 409, refusal.message, { state: campaign.state })
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      state: campaign.state,
      regionId: region.id,
      regionName: region.name,
      closesOn: campaign.closesOn,
      timeZone: campaign.timeZone,
    },
    region,
    ruleSet: stored.document,
    municipalities,
    draft,
    ownPersonId,
    nominating,
  }
}

export type Criterion = { fact: string; label: string; clause: string; evidence: string[] }

/**
 * Boolean facts of the rule set's groups (and fast track) that a candidate
 * ticks, labelled as the regulation says; a region's own boolean facts too
 * when a required rule tests them (the personal fields cover the built-in
 * required ones).
 */
export function claimableCriteria(ruleSet: RuleSet, catalogue: Catalogue = baseCatalogue): Criterion[] {
  const out = new Map<string, Criterion>()
  const ownRequired = ruleSet.required.filter((r) => catalogue[r.fact]?.added)
  const rules = [...ownRequired, ...ruleSet.groups.flatMap((g) => g.rules), ...(ruleSet.fastTrack?.rules ?? [])]
  for (const r of rules) {
    const fact = catalogue[r.fact]
    if (fact?.kind !== 'boolean' || fact.computed || r.fact === 'educationPedagogical' || out.has(r.fact)) continue
    out.set(r.fact, { fact: r.fact, label: r.label, clause: r.clause, evidence: fact.evidence ?? [] })
  }
  return [...out.values()]
}

async function lists(r: Resolved, t: Db = db()) {
  const [organisations, groups, regionMunicipalities] = await Promise.all([workplaceOptions(r.region.id, t), groupsOf(r.region.id, t), municipalitiesOf(r.region.id, t)])
  const allowed = new Set(r.municipalities.map((m) => m.id))
  const criteria = claimableCriteria(r.ruleSet, await catalogueOf(r.region.id, t))
  // The schema checks that the choices exist in the region; whether this
  // actor may nominate in a municipality is the domain's question (403).
  const formLists: ApplicationFormLists = {
    municipalityIds: regionMunicipalities.map((m) => m.id),
    organisations: organisations.filter((o) => o.municipalityId !== null).map((o) => ({ id: o.id, municipalityId: o.municipalityId })),
    subjects: r.region.settings.subjects ?? [],
    groupIds: groups.map((g) => g.id),
    claimable: criteria.map((c) => c.fact),
  }
  return { organisations: organisations.filter((o) => o.municipalityId !== null && allowed.has(o.municipalityId)), groups, criteria, formLists }
}

/** The region's and the campaign's lists the form's schema checks against (403/404/409 as the page's loader). */
export async function applicationFormLists(actor: Actor, target: FormTarget): Promise<ApplicationFormLists> {
  return (await lists(await resolve(actor, target))).formLists
}

const emptyValues = (): ApplicationFormValues => ({
  lastName: '',
  firstName: '',
  middleName: '',
  phone: '',
  birthDate: '',
  workEmail: '',
  municipalityId: '',
  organisationId: '',
  newOrganisation: '',
  position: '',
  educationLevel: '',
  educationPedagogical: '',
  qualificationCategory: '',
  experienceYears: '',
  groupId: '',
  processingConsent: '',
  subjects: [],
  claims: [],
  dissemination: [],
})

async function defaultsFor(r: Resolved, claimable: string[], actorUserId: number): Promise<ApplicationFormValues> {
  const v = emptyValues()
  if (r.municipalities.length === 1) v.municipalityId = String(r.municipalities[0].id)
  const personId = r.draft ? r.draft.personId : r.ownPersonId
  if (personId === null) return v
  const [person, priv, processing, dissemination] = await Promise.all([
    personById(personId),
    privateDataOf(personId),
    currentConsent(personId, 'processing'),
    currentConsent(personId, 'dissemination'),
  ])
  if (person) {
    v.lastName = person.lastName
    v.firstName = person.firstName
    v.middleName = person.middleName
    v.workEmail = person.workEmail ?? ''
    if (person.municipalityId && r.municipalities.some((m) => m.id === person.municipalityId)) v.municipalityId = String(person.municipalityId)
    v.organisationId = person.organisationId ? String(person.organisationId) : ''
    v.position = person.position
    v.subjects = person.subjects
  }
  v.phone = priv?.phone ?? ''
  v.birthDate = priv?.birthDate ?? ''
  if (priv && r.draft && r.draft.ownerUserId !== actorUserId) {
    // a coordinator editing a nomination sees the candidate's private fields: audited (PRODUCT §6)
    await appendAudit({ actorUserId, regionId: r.draft.regionId, entity: 'application', entityId: r.draft.id, action: 'READ_PRIVATE' })
  }
  // The person's own earlier choices, never a default of ours (silence is not consent).
  v.processingConsent = processing?.textVersion === CONSENT_TEXT_VERSIONS.processing ? 'on' : ''
  v.dissemination = dissemination?.fields ?? []
  if (r.draft) {
    const f = r.draft.facts
    v.educationLevel = String(f.educationLevel?.value ?? '')
    v.educationPedagogical = f.educationPedagogical?.value === true ? 'on' : ''
    v.qualificationCategory = String(f.qualificationCategory?.value ?? '')
    v.experienceYears = f.experienceYears ? String(f.experienceYears.value).replace('.', ',') : ''
    v.groupId = r.draft.groupId ? String(r.draft.groupId) : ''
    v.claims = claimable.filter((k) => f[k]?.value === true)
  }
  return v
}

/** Everything the form needs to render for this actor and target, or 403/404/409. */
export async function applicationFormContext(actor: Actor, target: FormTarget, origin: string) {
  const r = await resolve(actor, target)
  // One active application per person per campaign: the page links to it instead of offering a second form.
  const existing =
    target.mode === 'self' ? ((await activeApplicationIn(r.campaign.id, { personId: r.ownPersonId, applicantUserId: actor.userId })) ?? null) : null
  const l = await lists(r)
  const defaults = await defaultsFor(r, l.formLists.claimable, actor.userId)
  if (!defaults.workEmail && target.mode === 'self') defaults.workEmail = (await userById(actor.userId))?.login ?? ''
  const subject = [defaults.lastName, defaults.firstName, defaults.middleName].filter(Boolean).join(' ') || 'лицо, указанное в заявлении'
  const evidence: EvidenceMeta[] = r.draft ? await evidenceOf(r.draft.id) : []
  return {
    mode: target.mode,
    existing,
    nominating: r.nominating,
    applicationId: r.draft?.id ?? null,
    rowVersion: r.draft?.rowVersion ?? null,
    campaign: r.campaign,
    municipalities: r.municipalities,
    fixedMunicipality: r.nominating && r.municipalities.length === 1 ? r.municipalities[0] : null,
    organisations: l.organisations.map((o) => ({ id: o.id, name: o.name, municipalityId: o.municipalityId })),
    subjects: l.formLists.subjects,
    groups: l.groups.map((g) => ({ id: g.id, name: g.name, directionName: g.directionName })),
    criteria: l.criteria,
    fieldFacts: fieldFacts.map((f) => ({ fact: f, label: factCatalog[f].label })),
    lists: l.formLists,
    consent: consentDocuments(r.region, { name: subject, contact: defaults.workEmail }, origin, { fields: 'только сведения, отмеченные ниже', conditions: 'не установлены', term: 'до отзыва' }),
    publicFieldLabels,
    defaults,
    evidence: evidence.map((e) => ({ id: e.id, fact: e.fact, fileName: e.fileName, sizeBytes: e.sizeBytes })),
  }
}
export type ApplicationFormContext = Awaited<ReturnType<typeof applicationFormContext>>

// --- saving -----------------------------------------------------------------

function factsOf(form: ApplicationForm): Facts {
  const claim = <V extends string | number | boolean>(value: V) => ({ value, verified: false, source: 'self' as const })
  const facts: Facts = {
    qualificationCategory: claim(form.qualificationCategory),
    educationLevel: claim(form.educationLevel),
    educationPedagogical: claim(form.educationPedagogical),
    experienceYears: claim(form.experienceYears),
  }
  for (const fact of form.claims) facts[fact] = claim(true)
  return facts
}

/**
 * The processing consent (required) and, separately, the dissemination
 * consent exactly as ticked: nothing ticked means none is given (and a
 * current one is withdrawn, as on the consent page). Stored and notified as
 * on the consent page; the e-mail goes to the candidate, not to a coordinator
 * who nominated them.
 */
async function storeConsents(t: Tx, actor: Actor, personId: number, r: Resolved, form: ApplicationForm, applicationId: number) {
  const [subject] = await resolveRecipients('applicant', { regionId: r.region.id, municipalityId: null, commissionId: null, applicationId }, t)
  const change: ConsentChange = {
    actorUserId: actor.userId,
    personId,
    regionId: r.region.id,
    notify: subject?.email ? subject : null,
    context: { applicationId, onBehalf: r.nominating },
  }
  await giveProcessingConsent(t, change)
  await recordDisseminationConsent(t, change, { fields: form.dissemination })
}

/**
 * Creates a draft (self-nomination or a municipal nomination) or rewrites a
 * draft, with its evidence files and consents, all in one transaction. The
 * form was parsed at the edge with the shared schema; here the checks that
 * need the transaction: the actor's municipality, every file's bytes, the
 * draft's row version, the organisation. Bad input writes nothing.
 */
export async function saveApplicationForm(actor: Actor, target: FormTarget, form: ApplicationForm, files: UploadedFile[], tx?: Db): Promise<number> {
  return inTransaction(async (t) => {
    const r = await resolve(actor, target, t, true)
    if (!r.municipalities.some((m) => m.id === form.municipalityId)) {
      // a municipality of this region that is not the coordinator's: refused, not "invalid"
      if (await municipalityInRegion(r.region.id, form.municipalityId, t)) throw new Forbidden('application.nominate')
      throw new FormInvalid({ municipalityId: 'Выберите муниципалитет из списка' })
    }
    const { formLists, groups } = await lists(r, t)
    const claims = form.claims.filter((c) => formLists.claimable.includes(c))
    const claimed = new Set<string>([...claims, ...fieldFacts])
    const checked = checkFiles(files, claimed)
    if (Object.keys(checked.errors).length > 0) throw new FormInvalid(checked.errors)
    if (r.draft && form.rowVersion !== undefined && form.rowVersion !== r.draft.rowVersion) {
      throw new StaleRow('application', r.draft.id, form.rowVersion, r.draft.rowVersion)
    }
    if (target.mode === 'self') {
      const existing = await activeApplicationIn(r.campaign.id, { personId: r.ownPersonId, applicantUserId: actor.userId }, t)
      if (existing !== undefined) throw new DuplicateApplication(existing, true)
    }

    let organisationId = form.organisationId
    if (organisationId !== null) {
      const org = await workplaceById(organisationId, t)
      if (!org || org.regionId !== r.region.id || org.municipalityId !== form.municipalityId) {
        throw new FormInvalid({ organisationId: 'Эта организация не относится к выбранному муниципалитету' })
      }
    } else {
      organisationId = await ensureOrganisation({ regionId: r.region.id, municipalityId: form.municipalityId, name: form.newOrganisation as string }, t)
    }
    const group = groups.find((g) => g.id === form.groupId) ?? null
    const person = {
      municipalityId: form.municipalityId,
      lastName: form.lastName,
      firstName: form.firstName,
      middleName: form.middleName,
      organisationId,
      position: form.position,
      workEmail: form.workEmail,
      subjects: form.subjects,
    }
    const privateData = { phone: form.phone, birthDate: form.birthDate }
    const facts = factsOf({ ...form, claims })

    let id: number
    let personId: number
    if (r.draft) {
      id = r.draft.id
      personId = r.draft.personId
      await updatePerson(personId, person, t)
      await upsertPhoneAndBirthDate(personId, privateData, t)
      const next = await updateDraft(id, { municipalityId: form.municipalityId, directionId: group?.directionId ?? null, groupId: group?.id ?? null, facts }, r.draft.rowVersion, t)
      if (next === undefined) throw new StaleRow('application', id, r.draft.rowVersion, -1)
      await appendAudit({ actorUserId: actor.userId, regionId: r.region.id, entity: 'application', entityId: id, action: 'UPDATE', fromState: 'draft', toState: 'draft' }, t)
    } else {
      const self = target.mode === 'self'
      if (self && r.ownPersonId !== null) {
        await updatePerson(r.ownPersonId, person, t)
        await upsertPhoneAndBirthDate(r.ownPersonId, privateData, t)
      }
      id = await createApplication(
        {
          campaignId: r.campaign.id,
          source: self ? 'self' : 'municipality',
          person,
          private: privateData,
          facts,
          directionId: group?.directionId ?? null,
          groupId: group?.id ?? null,
          existingPersonId: self && r.ownPersonId !== null ? r.ownPersonId : undefined,
        },
        actor,
        t,
      )
      const created = await applicationForEdit(id, t)
      personId = created!.personId
      // an applicant account without a person (created by an operator) gets this one
      if (self && r.ownPersonId === null) await linkUserPerson(actor.userId, personId, t)
    }
    await storeFiles(t, actor, { id, regionId: r.region.id }, checked.ok)
    await storeConsents(t, actor, personId, r, form, id)
    return id
  }, tx)
}
