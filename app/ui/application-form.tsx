import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react'
import type { ApplicationFormContext } from '~/domain/application-form.server'
import { publicFields } from '~/model/consent'
import { educationLevels, qualificationCategories, valueLabels, type FactKey } from '~/model/eligibility'
import {
  applicationSchema,
  applicationValues,
  EVIDENCE_ACCEPT,
  evidenceField,
  factFromEvidenceField,
  fieldFacts,
  precheckEvidence,
  type ApplicationFormValues,
} from '~/model/inputs/application'
import { fieldErrors, type FieldErrors } from '~/model/inputs/login'

// The one application form: self-nomination, a municipal nomination and a
// draft's edit render it. Works as a plain multipart POST without JavaScript;
// with it, the same zod schema checks the fields before sending and the
// workplace list narrows to the chosen municipality.

const text = {
  person: 'Кандидат',
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество (если есть)',
  privateTitle: 'Сведения ограниченного доступа',
  privateHint: 'Не публикуются и не передаются третьим лицам; видны заявителю и секретарю комиссии.',
  phone: 'Телефон (необязательно)',
  birthDate: 'Дата рождения (необязательно)',
  workEmail: 'Рабочий адрес электронной почты',
  workEmailNominee: 'Адрес электронной почты кандидата (рабочий)',
  work: 'Место работы',
  municipality: 'Муниципалитет',
  chooseMunicipality: '— выберите муниципалитет —',
  organisation: 'Организация из справочника',
  chooseOrganisation: '— нет в списке —',
  newOrganisation: 'Или впишите полное название организации, если её нет в списке',
  position: 'Должность',
  education: 'Образование и квалификация',
  educationLevel: 'Уровень образования',
  pedagogical: 'Образование педагогическое',
  category: 'Квалификационная категория',
  experience: 'Стаж работы по специальности, лет (например, 12 или 7,5)',
  fieldEvidence: 'Подтверждающие документы (PDF, JPEG или PNG, не более 5 МБ каждый)',
  evidenceFor: (label: string) => `Документ: ${label.toLowerCase()}`,
  existing: 'Уже загружено',
  subjects: 'Предметная область',
  subjectsHint: 'Отметьте одну или несколько.',
  group: 'Направление и группа актива',
  chooseGroup: '— выберите группу —',
  criteria: 'Дополнительные требования положения, которым вы соответствуете',
  criteriaNominee: 'Дополнительные требования положения, которым соответствует кандидат',
  criteriaHint: 'Отметьте каждое выполненное требование и по возможности приложите подтверждающий документ: без него секретарь комиссии запросит сведения.',
  attach: 'Подтверждающий документ (необязательно)',
  processing: 'Согласие на обработку персональных данных',
  processingAgree: 'Я даю согласие на обработку персональных данных на условиях, изложенных выше',
  processingAgreeNominee: 'Кандидат дал письменное согласие на обработку персональных данных на условиях, изложенных выше (оригинал хранится в МОУО)',
  dissemination: 'Согласие на распространение (публикацию) персональных данных',
  disseminationHint:
    'Это отдельное согласие, оно не обязательно для участия в отборе. Ничего не отмечено заранее: если вы ничего не отметите, сведения не будут опубликованы. Изменить или отозвать согласие можно в любой момент в личном кабинете.',
  disseminationNomineeHint:
    'Отмечайте только сведения, публикацию которых кандидат разрешил в письменном согласии на распространение. Ничего не отмечено заранее.',
  disseminationFields: 'Разрешаю публиковать',
  disseminationRegion: 'Регион, в актив которого включён педагог, публикуется вместе с ФИО всегда: список актива региона сам называет регион. Муниципалитет — только если он отмечен.',
  save: 'Сохранить черновик',
  saving: 'Сохранение…',
  errorsTitle: 'Исправьте ошибки в форме:',
  afterSave: 'После сохранения вы увидите заявление и сможете подать его.',
}

type Props = {
  ctx: ApplicationFormContext
  values?: ApplicationFormValues | null
  errors?: FieldErrors
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span id={`${id}-error`} className="error">
      {message}
    </span>
  ) : null
}

const describedBy = (id: string, errors: FieldErrors, hint?: string) =>
  [errors[id] ? `${id}-error` : null, hint ?? null].filter(Boolean).join(' ') || undefined

const NO_ERRORS: FieldErrors = {}

export function ApplicationForm({ ctx, values, errors: serverErrors = NO_ERRORS }: Props) {
  const v = values ?? ctx.defaults
  const busy = useNavigation().state === 'submitting'
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null)
  const errors: FieldErrors = clientErrors ?? serverErrors
  const [hydrated, setHydrated] = useState(false)
  const [municipalityId, setMunicipalityId] = useState(v.municipalityId)
  const summary = useRef<HTMLDivElement>(null)
  useEffect(() => setHydrated(true), [])
  // a new answer from the server replaces what the browser found
  useEffect(() => setClientErrors(null), [serverErrors])

  const evidenceOf = (fact: FactKey) => ctx.evidence.filter((e) => e.fact === fact)
  const nominee = ctx.nominating
  const messages = Object.entries(errors).filter(([, m]) => m)

  const municipalitiesShown = ctx.municipalities.filter((m) => !hydrated || !municipalityId || String(m.id) === municipalityId)
  const orgGroups = municipalitiesShown
    .map((m) => ({ m, orgs: ctx.organisations.filter((o) => o.municipalityId === m.id) }))
    .filter((g) => g.orgs.length > 0)

  const directions = [...new Set(ctx.groups.map((g) => g.directionName))]

  const input = (name: keyof ApplicationFormValues & string, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        defaultValue={v[name] as string}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(name, errors)}
        {...props}
      />
      <FieldError id={name} message={errors[name]} />
    </div>
  )

  const fileInput = (fact: FactKey, label: string) => {
    const name = evidenceField(fact)
    const existing = evidenceOf(fact)
    return (
      <div className="field" key={name}>
        <label htmlFor={name}>{label}</label>
        <input id={name} name={name} type="file" accept={EVIDENCE_ACCEPT} aria-invalid={errors[name] ? true : undefined} aria-describedby={describedBy(name, errors)} />
        <FieldError id={name} message={errors[name]} />
        {existing.length > 0 ? (
          <span className="muted">
            {text.existing}: {existing.map((e) => e.fileName).join(', ')}
          </span>
        ) : null}
      </div>
    )
  }

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      noValidate
      onSubmit={(e) => {
        const fd = new FormData(e.currentTarget)
        const parsed = applicationSchema(ctx.lists).safeParse(applicationValues(fd))
        const found: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
        const claimed = new Set<string>([...fd.getAll('claims').map(String), ...fieldFacts])
        for (const [field, value] of fd.entries()) {
          if (typeof value === 'string' || (value.size === 0 && value.name === '')) continue
          const fact = factFromEvidenceField(field)
          const problem = !fact || !claimed.has(fact) ? 'Отметьте критерий, к которому прикладываете документ' : precheckEvidence(value.name, value.size)
          if (problem) found[field] = problem
        }
        setClientErrors(found)
        if (Object.keys(found).length > 0) {
          e.preventDefault()
          requestAnimationFrame(() => summary.current?.focus())
        }
      }}
    >
      {ctx.rowVersion !== null ? <input type="hidden" name="rowVersion" value={ctx.rowVersion} /> : null}
      <div aria-live="polite">
        {messages.length > 0 ? (
          <div className="alert" role="alert" tabIndex={-1} ref={summary}>
            <p>{text.errorsTitle}</p>
            <ul>
              {messages.map(([field, m]) => (
                <li key={field}>
                  <a href={`#${field}`}>{m}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <fieldset>
        <legend>{text.person}</legend>
        {input('lastName', text.lastName, { autoComplete: nominee ? 'off' : 'family-name', required: true })}
        {input('firstName', text.firstName, { autoComplete: nominee ? 'off' : 'given-name', required: true })}
        {input('middleName', text.middleName, { autoComplete: nominee ? 'off' : 'additional-name' })}
        {input('workEmail', nominee ? text.workEmailNominee : text.workEmail, { type: 'email', autoComplete: nominee ? 'off' : 'email', required: true })}
      </fieldset>

      <fieldset>
        <legend>{text.privateTitle}</legend>
        <p className="muted">{text.privateHint}</p>
        {input('phone', text.phone, { type: 'tel', autoComplete: nominee ? 'off' : 'tel' })}
        {input('birthDate', text.birthDate, { type: 'date', autoComplete: nominee ? 'off' : 'bday' })}
      </fieldset>

      <fieldset>
        <legend>{text.work}</legend>
        {ctx.fixedMunicipality ? (
          <div className="field">
            <span>{text.municipality}</span>
            <strong>{ctx.fixedMunicipality.name}</strong>
            <input type="hidden" name="municipalityId" value={ctx.fixedMunicipality.id} />
            <FieldError id="municipalityId" message={errors.municipalityId} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="municipalityId">{text.municipality}</label>
            <select
              id="municipalityId"
              name="municipalityId"
              defaultValue={v.municipalityId}
              onChange={(e) => setMunicipalityId(e.currentTarget.value)}
              aria-invalid={errors.municipalityId ? true : undefined}
              aria-describedby={describedBy('municipalityId', errors)}
              required
            >
              <option value="">{text.chooseMunicipality}</option>
              {ctx.municipalities.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
            <FieldError id="municipalityId" message={errors.municipalityId} />
          </div>
        )}
        <div className="field">
          <label htmlFor="organisationId">{text.organisation}</label>
          <select id="organisationId" name="organisationId" defaultValue={v.organisationId} aria-invalid={errors.organisationId ? true : undefined} aria-describedby={describedBy('organisationId', errors)}>
            <option value="">{text.chooseOrganisation}</option>
            {orgGroups.map(({ m, orgs }) => (
              <optgroup key={m.id} label={m.name}>
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError id="organisationId" message={errors.organisationId} />
        </div>
        {input('newOrganisation', text.newOrganisation, { autoComplete: 'organization' })}
        {input('position', text.position, { autoComplete: nominee ? 'off' : 'organization-title', required: true })}
      </fieldset>

      <fieldset>
        <legend>{text.education}</legend>
        <fieldset aria-describedby={describedBy('educationLevel', errors)}>
          <legend>{text.educationLevel}</legend>
          {educationLevels.map((level) => (
            <div key={level}>
              <input type="radio" id={`educationLevel-${level}`} name="educationLevel" value={level} defaultChecked={v.educationLevel === level} />{' '}
              <label htmlFor={`educationLevel-${level}`}>{valueLabels[level]}</label>
            </div>
          ))}
          <FieldError id="educationLevel" message={errors.educationLevel} />
        </fieldset>
        <div>
          <input type="checkbox" id="educationPedagogical" name="educationPedagogical" defaultChecked={v.educationPedagogical === 'on'} />{' '}
          <label htmlFor="educationPedagogical">{text.pedagogical}</label>
        </div>
        <fieldset aria-describedby={describedBy('qualificationCategory', errors)}>
          <legend>{text.category}</legend>
          {qualificationCategories.map((c) => (
            <div key={c}>
              <input type="radio" id={`qualificationCategory-${c}`} name="qualificationCategory" value={c} defaultChecked={v.qualificationCategory === c} />{' '}
              <label htmlFor={`qualificationCategory-${c}`}>{valueLabels[c]}</label>
            </div>
          ))}
          <FieldError id="qualificationCategory" message={errors.qualificationCategory} />
        </fieldset>
        {input('experienceYears', text.experience, { inputMode: 'decimal', required: true })}
        <h3>{text.fieldEvidence}</h3>
        {ctx.fieldFacts.map((f) => fileInput(f.fact, text.evidenceFor(f.label)))}
      </fieldset>

      {ctx.subjects.length > 0 ? (
        <fieldset aria-describedby={describedBy('subjects', errors, 'subjects-hint')}>
          <legend>{text.subjects}</legend>
          <p className="muted" id="subjects-hint">
            {text.subjectsHint}
          </p>
          <div className="filter-grid">
            {ctx.subjects.map((s, i) => (
              <div key={s}>
                <input type="checkbox" id={`subject-${i}`} name="subjects" value={s} defaultChecked={v.subjects.includes(s)} />{' '}
                <label htmlFor={`subject-${i}`}>{s}</label>
              </div>
            ))}
          </div>
          <FieldError id="subjects" message={errors.subjects} />
        </fieldset>
      ) : null}

      {ctx.groups.length > 0 ? (
        <div className="field">
          <label htmlFor="groupId">{text.group}</label>
          <select id="groupId" name="groupId" defaultValue={v.groupId} aria-invalid={errors.groupId ? true : undefined} aria-describedby={describedBy('groupId', errors)} required>
            <option value="">{text.chooseGroup}</option>
            {directions.map((d) => (
              <optgroup key={d} label={d}>
                {ctx.groups
                  .filter((g) => g.directionName === d)
                  .map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <FieldError id="groupId" message={errors.groupId} />
        </div>
      ) : null}

      {ctx.criteria.length > 0 ? (
        <fieldset aria-describedby="criteria-hint">
          <legend>{nominee ? text.criteriaNominee : text.criteria}</legend>
          <p className="muted" id="criteria-hint">
            {text.criteriaHint}
          </p>
          <FieldError id="claims" message={errors.claims} />
          {ctx.criteria.map((c) => (
            <div key={c.fact} className="card">
              <div>
                <input type="checkbox" id={`claim-${c.fact}`} name="claims" value={c.fact} defaultChecked={v.claims.includes(c.fact)} />{' '}
                <label htmlFor={`claim-${c.fact}`}>{c.label}</label> <span className="muted">({c.clause})</span>
              </div>
              {fileInput(c.fact, `${text.attach}: ${c.label.toLowerCase()}`)}
            </div>
          ))}
        </fieldset>
      ) : null}

      <fieldset>
        <legend>{text.processing}</legend>
        <pre className="document">{ctx.consent.processing}</pre>
        <div>
          <input
            type="checkbox"
            id="processingConsent"
            name="processingConsent"
            defaultChecked={v.processingConsent === 'on'}
            required
            aria-invalid={errors.processingConsent ? true : undefined}
            aria-describedby={describedBy('processingConsent', errors)}
          />{' '}
          <label htmlFor="processingConsent">{nominee ? text.processingAgreeNominee : text.processingAgree}</label>
        </div>
        <FieldError id="processingConsent" message={errors.processingConsent} />
      </fieldset>

      <fieldset aria-describedby="dissemination-hint">
        <legend>{text.dissemination}</legend>
        <p id="dissemination-hint">{nominee ? text.disseminationNomineeHint : text.disseminationHint}</p>
        <pre className="document">{ctx.consent.dissemination}</pre>
        <fieldset aria-describedby="dissemination-region">
          <legend>{text.disseminationFields}</legend>
          <p id="dissemination-region" className="muted">
            {text.disseminationRegion}
          </p>
          {publicFields.map((f) => (
            <div key={f}>
              <input type="checkbox" id={`dissemination-${f}`} name="dissemination" value={f} defaultChecked={v.dissemination.includes(f)} />{' '}
              <label htmlFor={`dissemination-${f}`}>{ctx.publicFieldLabels[f]}</label>
            </div>
          ))}
        </fieldset>
        <FieldError id="dissemination" message={errors.dissemination} />
      </fieldset>

      <p className="muted">{text.afterSave}</p>
      <button type="submit" disabled={busy}>
        {busy ? text.saving : text.save}
      </button>
    </Form>
  )
}
