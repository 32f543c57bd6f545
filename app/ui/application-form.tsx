import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState, type InputHTMLAttributes } from 'react'
import type { ApplicationFormContext } from '~/domain/application-form.server'
import { publicFields } from '~/model/consent'
import { educationLevels, lowerFirst, qualificationCategories, valueLabels } from '~/model/eligibility'
import { applicationSchema, EVIDENCE_ACCEPT, evidenceField, factFromEvidenceField, fieldFacts, precheckEvidence } from '~/model/inputs/application'
import { checkEvidenceSize, ErrorList, useSchemaForm } from '~/ui/form'

// The one application form: self-nomination, a municipal nomination and a
// draft's edit render it (decision 0010: the shared schema through conform).
// Works as a plain multipart POST without JavaScript, and the server's reply
// brings back the typed values and the errors; with JavaScript the same
// schema checks the fields before sending, the files are checked for size and
// type, and the workplace list narrows to the chosen municipality. Inputs keep
// their field names as ids, so the error summary links to them.

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
  organisationGroups: 'Организации сгруппированы по муниципалитетам: выберите свою в группе выбранного выше муниципалитета.',
  newOrganisation: 'Или впишите полное название организации, если её нет в списке',
  position: 'Должность',
  education: 'Образование и квалификация',
  educationLevel: 'Уровень образования',
  pedagogical: 'Образование педагогическое',
  category: 'Квалификационная категория',
  experience: 'Стаж работы по специальности, лет (например, 12 или 7,5)',
  fieldEvidence: 'Подтверждающие документы (PDF, JPEG или PNG, не более 5 МБ каждый)',
  evidenceFor: (label: string) => `Документ: ${lowerFirst(label)}`,
  existing: 'Уже загружено',
  subjects: 'Предметная область',
  subjectsHint: 'Отметьте одну или несколько.',
  group: 'Направление и группа актива',
  chooseGroup: '— выберите группу —',
  criteria: 'Дополнительные требования положения, которым вы соответствуете',
  criteriaNominee: 'Дополнительные требования положения, которым соответствует кандидат',
  criteriaHint: 'Отметьте каждое выполненное требование и по возможности приложите подтверждающий документ: без него секретарь комиссии запросит сведения.',
  attach: 'Подтверждающий документ (необязательно)',
  confirmedBy: (docs: string) => `Подтверждается документами: ${docs}`,
  processing: 'Согласие на обработку персональных данных',
  processingAgree: 'Я даю согласие на обработку персональных данных на условиях, изложенных выше',
  processingAgreeNominee: 'Кандидат дал письменное согласие на обработку персональных данных на условиях, изложенных выше (оригинал хранится в МОУО)',
  dissemination: 'Согласие на распространение (публикацию) персональных данных',
  disseminationHint:
    'Это отдельное согласие, оно не обязательно для участия в отборе. Если ничего не отметить, сведения не будут опубликованы. Изменить или отозвать согласие можно в любой момент на странице «Согласие на публикацию».',
  disseminationHintGiven: 'Отмечены сведения, публикацию которых вы уже разрешили. Снимите отметку, чтобы отозвать разрешение; если снять все, сведения не будут опубликованы.',
  disseminationNomineeHint: 'Отмечайте только сведения, публикацию которых кандидат разрешил в письменном согласии на распространение.',
  disseminationFields: 'Разрешаю публиковать',
  disseminationRegion: 'Регион, в актив которого включён педагог, публикуется вместе с ФИО всегда: список актива региона сам называет регион. Муниципалитет — только если он отмечен.',
  save: 'Сохранить черновик',
  saving: 'Сохранение…',
  errorsTitle: 'Исправьте ошибки в форме:',
  fileNotClaimed: 'Отметьте требование, к которому прикладываете документ',
  afterSave: 'После сохранения вы увидите заявление и сможете подать его.',
  filesNotSaved: (names: string[]) =>
    `Форма не сохранена, поэтому приложенные документы тоже не сохранены: выберите их снова (${names.join(', ')}).`,
}


type Props = {
  ctx: ApplicationFormContext
  /** The action's reply (conform's submission result, app/http/form.server.ts), when it did not redirect. */
  lastResult?: (SubmissionResult<string[]> & { form?: string; link?: { href: string; label: string }; filesNotSaved?: string[] }) | null
}

type Field = FieldMetadata<unknown>

const listOf = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)])

/** aria-invalid and aria-describedby of an input whose errors are shown by <ErrorList id={errorId}>. */
const described = (errors: string[] | undefined, errorId: string, hint?: string) => ({
  'aria-invalid': errors?.length ? true : undefined,
  'aria-describedby': [errors?.length ? errorId : null, hint ?? null].filter(Boolean).join(' ') || undefined,
})

export function ApplicationForm({ ctx, lastResult }: Props) {
  const schema = useMemo(() => applicationSchema(ctx.lists), [ctx.lists])
  const [form, fields] = useSchemaForm(schema, { id: 'application', lastResult, defaultValue: ctx.defaults })
  const busy = useNavigation().state === 'submitting'
  const [fileErrors, setFileErrors] = useState<Record<string, string>>({})
  const [hydrated, setHydrated] = useState(false)
  const [municipalityId, setMunicipalityId] = useState(String(fields.municipalityId.initialValue ?? ''))
  const summary = useRef<HTMLDivElement>(null)
  useEffect(() => setHydrated(true), [])
  // a new answer from the server replaces what the browser found
  useEffect(() => setFileErrors({}), [lastResult])

  const nominee = ctx.nominating
  const evidenceOf = (fact: string) => ctx.evidence.filter((e) => e.fact === fact)
  const fileErrorsOf = (name: string) => (fileErrors[name] ? [fileErrors[name]] : lastResult?.error?.[name] ?? undefined)

  // Every field's errors (the server's file errors included), then what the browser found in the files.
  const byField = new Map<string, string>()
  for (const [n, list] of Object.entries(form.allErrors)) if (n !== '' && n !== form.id && list.length) byField.set(n, list.join(' '))
  for (const [n, m] of Object.entries(fileErrors)) byField.set(n, m)
  const messages = [...byField.entries()]

  // With JavaScript the list follows the municipality chosen; without it every
  // municipality's organisations are there, grouped under its name, the one
  // already chosen (a draft, a returned form) first. A fixed municipality (a
  // nomination) shows only its own in either case.
  const fixedId = ctx.fixedMunicipality ? String(ctx.fixedMunicipality.id) : null
  const chosenId = fixedId ?? municipalityId
  const municipalitiesShown = ctx.municipalities
    .filter((m) => (fixedId ? String(m.id) === fixedId : !hydrated || !municipalityId || String(m.id) === municipalityId))
    .sort((a, b) => Number(String(b.id) === chosenId) - Number(String(a.id) === chosenId))
  const orgGroups = municipalitiesShown
    .map((m) => ({ m, orgs: ctx.organisations.filter((o) => o.municipalityId === m.id) }))
    .filter((g) => g.orgs.length > 0)
  const directions = [...new Set(ctx.groups.map((g) => g.directionName))]

  const input = (field: Field, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="field">
      <label htmlFor={field.name}>{label}</label>
      <input {...getInputProps(field, { type: (props.type as 'text') ?? 'text' })} {...props} id={field.name} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )

  const fileInput = (fact: string, label: string) => {
    const name = evidenceField(fact)
    const existing = evidenceOf(fact)
    const errors = fileErrorsOf(name)
    const errorId = `${name}-error`
    return (
      <div className="field" key={name}>
        <label htmlFor={name}>{label}</label>
        <input id={name} name={name} type="file" accept={EVIDENCE_ACCEPT} onChange={checkEvidenceSize} {...described(errors, errorId)} />
        <ErrorList id={errorId} errors={errors} />
        {existing.length > 0 ? (
          <span className="muted">
            {text.existing}: {existing.map((e) => e.fileName).join(', ')}
          </span>
        ) : null}
      </div>
    )
  }

  const choices = (field: Field, options: readonly string[], labelOf: (v: string) => string, legend: string) => {
    const chosen = listOf(field.initialValue)
    return (
      <fieldset {...described(field.errors, field.errorId)}>
        <legend>{legend}</legend>
        {options.map((o) => (
          <div key={o}>
            <input type="radio" id={`${field.name}-${o}`} name={field.name} value={o} defaultChecked={chosen.includes(o)} />{' '}
            <label htmlFor={`${field.name}-${o}`}>{labelOf(o)}</label>
          </div>
        ))}
        <ErrorList id={field.errorId} errors={field.errors} />
      </fieldset>
    )
  }

  const formProps = getFormProps(form)
  const subjects = listOf(fields.subjects.initialValue)
  const claims = listOf(fields.claims.initialValue)
  const dissemination = listOf(fields.dissemination.initialValue)
  const disseminationGiven = ctx.defaults.dissemination.length > 0

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...formProps}
      onSubmit={(e) => {
        // The schema cannot see files: their size and type are checked here, the bytes on the server.
        const fd = new FormData(e.currentTarget)
        const claimed = new Set<string>([...fd.getAll('claims').map(String), ...fieldFacts])
        const found: Record<string, string> = {}
        for (const [field, value] of fd.entries()) {
          if (typeof value === 'string' || (value.size === 0 && value.name === '')) continue
          const fact = factFromEvidenceField(field)
          const problem = !fact || !claimed.has(fact) ? text.fileNotClaimed : precheckEvidence(value.name, value.size)
          if (problem) found[field] = problem
        }
        setFileErrors(found)
        if (Object.keys(found).length > 0) {
          e.preventDefault()
          requestAnimationFrame(() => summary.current?.focus())
          return
        }
        formProps.onSubmit(e)
      }}
    >
      {ctx.rowVersion !== null ? <input type="hidden" name="rowVersion" value={ctx.rowVersion} /> : null}
      <div aria-live="polite" id={form.errorId}>
        {form.errors?.length ? (
          <div className="alert" role="alert">
            <p>{form.errors.join(' ')}</p>
            {lastResult?.link ? (
              <p>
                <Link to={lastResult.link.href}>{lastResult.link.label}</Link>
              </p>
            ) : null}
          </div>
        ) : null}
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
        {/* With JavaScript the page stays and the file inputs keep their files; without it the page comes anew and they are empty. */}
        {lastResult?.filesNotSaved?.length ? (
          <noscript>
            <div className="alert" role="alert">
              <p>{text.filesNotSaved(lastResult.filesNotSaved)}</p>
            </div>
          </noscript>
        ) : null}
      </div>

      <fieldset>
        <legend>{text.person}</legend>
        {input(fields.lastName, text.lastName, { autoComplete: nominee ? 'off' : 'family-name' })}
        {input(fields.firstName, text.firstName, { autoComplete: nominee ? 'off' : 'given-name' })}
        {input(fields.middleName, text.middleName, { autoComplete: nominee ? 'off' : 'additional-name' })}
        {input(fields.workEmail, nominee ? text.workEmailNominee : text.workEmail, { type: 'email', autoComplete: nominee ? 'off' : 'email' })}
      </fieldset>

      <fieldset>
        <legend>{text.privateTitle}</legend>
        <p className="muted">{text.privateHint}</p>
        {input(fields.phone, text.phone, { type: 'tel', autoComplete: nominee ? 'off' : 'tel' })}
        {input(fields.birthDate, text.birthDate, { type: 'date', autoComplete: nominee ? 'off' : 'bday' })}
      </fieldset>

      <fieldset>
        <legend>{text.work}</legend>
        {ctx.fixedMunicipality ? (
          <div className="field">
            <span>{text.municipality}</span>
            <strong>{ctx.fixedMunicipality.name}</strong>
            <input type="hidden" name={fields.municipalityId.name} value={ctx.fixedMunicipality.id} />
            <ErrorList id={fields.municipalityId.errorId} errors={fields.municipalityId.errors} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="municipalityId">{text.municipality}</label>
            <select
              id="municipalityId"
              name={fields.municipalityId.name}
              defaultValue={String(fields.municipalityId.initialValue ?? '')}
              onChange={(e) => setMunicipalityId(e.currentTarget.value)}
              required
              {...described(fields.municipalityId.errors, fields.municipalityId.errorId)}
            >
              <option value="">{text.chooseMunicipality}</option>
              {ctx.municipalities.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.municipalityId.errorId} errors={fields.municipalityId.errors} />
          </div>
        )}
        <div className="field">
          <label htmlFor="organisationId">{text.organisation}</label>
          <select
            id="organisationId"
            name={fields.organisationId.name}
            defaultValue={String(fields.organisationId.initialValue ?? '')}
            {...described(fields.organisationId.errors, fields.organisationId.errorId, orgGroups.length > 1 ? 'organisationId-hint' : undefined)}
          >
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
          {orgGroups.length > 1 ? (
            <span id="organisationId-hint" className="muted">
              {text.organisationGroups}
            </span>
          ) : null}
          <ErrorList id={fields.organisationId.errorId} errors={fields.organisationId.errors} />
        </div>
        {input(fields.newOrganisation, text.newOrganisation, { autoComplete: 'organization' })}
        {input(fields.position, text.position, { autoComplete: nominee ? 'off' : 'organization-title' })}
      </fieldset>

      <fieldset>
        <legend>{text.education}</legend>
        {choices(fields.educationLevel, educationLevels, (v) => valueLabels[v], text.educationLevel)}
        <div>
          <input
            type="checkbox"
            id="educationPedagogical"
            name={fields.educationPedagogical.name}
            defaultChecked={fields.educationPedagogical.initialValue === 'on'}
          />{' '}
          <label htmlFor="educationPedagogical">{text.pedagogical}</label>
        </div>
        {choices(fields.qualificationCategory, qualificationCategories, (v) => valueLabels[v], text.category)}
        {input(fields.experienceYears, text.experience, { inputMode: 'decimal' })}
        <h3>{text.fieldEvidence}</h3>
        {ctx.fieldFacts.map((f) => fileInput(f.fact, text.evidenceFor(f.label)))}
      </fieldset>

      {ctx.subjects.length > 0 ? (
        <fieldset {...described(fields.subjects.errors, fields.subjects.errorId, 'subjects-hint')}>
          <legend>{text.subjects}</legend>
          <p className="muted" id="subjects-hint">
            {text.subjectsHint}
          </p>
          <div className="filter-grid">
            {ctx.subjects.map((s, i) => (
              <div key={s}>
                <input type="checkbox" id={`subject-${i}`} name={fields.subjects.name} value={s} defaultChecked={subjects.includes(s)} />{' '}
                <label htmlFor={`subject-${i}`}>{s}</label>
              </div>
            ))}
          </div>
          <ErrorList id={fields.subjects.errorId} errors={fields.subjects.errors} />
        </fieldset>
      ) : null}

      {ctx.groups.length > 0 ? (
        <div className="field">
          <label htmlFor="groupId">{text.group}</label>
          <select
            id="groupId"
            name={fields.groupId.name}
            defaultValue={String(fields.groupId.initialValue ?? '')}
            required
            {...described(fields.groupId.errors, fields.groupId.errorId)}
          >
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
          <ErrorList id={fields.groupId.errorId} errors={fields.groupId.errors} />
        </div>
      ) : null}

      {ctx.criteria.length > 0 ? (
        <fieldset {...described(fields.claims.errors, fields.claims.errorId, 'criteria-hint')}>
          <legend>{nominee ? text.criteriaNominee : text.criteria}</legend>
          <p className="muted" id="criteria-hint">
            {text.criteriaHint}
          </p>
          <ErrorList id={fields.claims.errorId} errors={fields.claims.errors} />
          {ctx.criteria.map((c) => (
            <div key={c.fact} className="card">
              <div>
                <input type="checkbox" id={`claim-${c.fact}`} name={fields.claims.name} value={c.fact} defaultChecked={claims.includes(c.fact)} />{' '}
                <label htmlFor={`claim-${c.fact}`}>{c.label}</label> <span className="muted">({c.clause})</span>
              </div>
              {c.evidence.length > 0 ? <p className="muted">{text.confirmedBy(c.evidence.join('; '))}</p> : null}
              {fileInput(c.fact, `${text.attach}: ${lowerFirst(c.label)}`)}
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
            name={fields.processingConsent.name}
            defaultChecked={fields.processingConsent.initialValue === 'on'}
            required
            {...described(fields.processingConsent.errors, fields.processingConsent.errorId)}
          />{' '}
          <label htmlFor="processingConsent">{nominee ? text.processingAgreeNominee : text.processingAgree}</label>
        </div>
        <ErrorList id={fields.processingConsent.errorId} errors={fields.processingConsent.errors} />
      </fieldset>

      <fieldset aria-describedby="dissemination-hint">
        <legend>{text.dissemination}</legend>
        <p id="dissemination-hint">{nominee ? text.disseminationNomineeHint : disseminationGiven ? text.disseminationHintGiven : text.disseminationHint}</p>
        <pre className="document">{ctx.consent.dissemination}</pre>
        <fieldset aria-describedby="dissemination-region">
          <legend>{text.disseminationFields}</legend>
          <p id="dissemination-region" className="muted">
            {text.disseminationRegion}
          </p>
          {publicFields.map((f) => (
            <div key={f}>
              <input type="checkbox" id={`dissemination-${f}`} name={fields.dissemination.name} value={f} defaultChecked={dissemination.includes(f)} />{' '}
              <label htmlFor={`dissemination-${f}`}>{ctx.publicFieldLabels[f]}</label>
            </div>
          ))}
        </fieldset>
        <ErrorList id={fields.dissemination.errorId} errors={fields.dissemination.errors} />
      </fieldset>

      <p className="muted">{text.afterSave}</p>
      <button type="submit" disabled={busy}>
        {busy ? text.saving : text.save}
      </button>
    </Form>
  )
}
