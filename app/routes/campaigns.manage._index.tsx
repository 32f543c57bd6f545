import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { campaignsPage, createCampaign } from '~/domain/campaign-admin.server'
import { copyRegionalRuleSet, createMunicipalCommission } from '~/domain/municipal-selection.server'
import { campaignCreateSchema, municipalSetupSchema } from '~/model/inputs/coordinator'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSelection } from '~/http/staff-selection.server'
import { campaignStateLabels, formatDate } from '~/model/labels'
import { RegionPicker } from '~/ui/region-picker'
import { ListPager } from '~/ui/list-pager'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ColumnHeads } from '~/ui/column-heads'
import { StageDeadlineFields } from '~/ui/stage-deadlines'
import { scrollRegion } from '~/ui/table-scroll'

const text = {
  created: 'Отбор создан.',
  title: 'Отборы в методический актив',
  list: 'Отборы региона',
  municipalList: 'Отборы муниципалитета',
  empty: 'Отборов пока нет.',
  pager: 'Страницы списка отборов',
  campaign: 'Отбор',
  state: 'Состояние',
  opens: 'Начало приёма',
  closes: 'Окончание приёма',
  create: 'Новый отбор',
  createHint: 'Отбор создаётся в состоянии «Подготовка»; приём заявлений начинается кнопкой «Открыть приём заявлений» на странице отбора.',
  campaignTitle: 'Название отбора',
  ruleSet: 'Набор требований (версия)',
  ruleSetOption: (title: string, version: number) => `${title}, версия ${version}`,
  chooseRuleSet: '— выберите набор требований —',
  commission: 'Комиссия',
  submit: 'Создать отбор',
  ruleSets: 'Наборы требований',
  noRuleSets: 'У региона нет наборов требований.',
  roster: 'Методический актив',
  regionalRoster: 'Региональный методический актив',
  municipalRoster: (name: string) => `Муниципальный методический актив: ${name}`,
  municipalTitle: (name: string) => `Отборы в муниципальный методический актив: ${name}`,
  setup: 'Комиссия и требования муниципального отбора',
  setupHint: 'Муниципальный отбор ведёт своя комиссия; требования можно взять региональные или скопировать и изменить.',
  commissionName: 'Название комиссии',
  createCommission: 'Создать комиссию',
  commissionCreated: 'Комиссия создана. Назначьте её состав на странице «Состав муниципальной комиссии».',
  composition: 'Состав муниципальной комиссии',
  copyFrom: 'Региональный набор правил',
  copyRuleSet: 'Скопировать региональный набор правил',
  ruleSetCopied: 'Набор правил скопирован: его можно изменить на странице набора.',
  copy: 'Набор правил муниципалитета',
  noCommission: 'У муниципального отбора ещё нет комиссии: создайте её выше.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices, municipality } = await requireSelection(request, 'campaign:manage')
  const url = new URL(request.url)
  const page = await orErrorPage(campaignsPage(actor, region.id, pageOf(url, 'after', 'int'), municipality?.id ?? null))
  // the region (and a municipal selection) stays in the pager's links; anything else in the address does not matter here
  const base = `/campaigns/manage?region=${region.id}${municipality ? `&municipality=${municipality.id}` : ''}`
  return {
    municipality,
    municipalities: page.municipalities.map((m) => ({ id: m.id, name: m.name })),
    ...municipalRuleSets(page.ruleSets, municipality?.id ?? null),
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    campaigns: page.campaigns.rows,
    pager: { from: page.campaigns.from, count: page.campaigns.rows.length, total: page.campaigns.total, next: nextHref(base, page.campaigns), first: firstHref(base) },
    ruleSets: page.ruleSets.map((r) => ({ id: r.id, version: r.version, title: r.title })),
    commissions: page.commissions.map((c) => ({ id: c.id, name: c.name })),
  }
}

/**
 * The region's rule sets a municipality may still copy, and its copies. A
 * copy's code is the region's with «-m<municipality>» (copyRegionalRuleSet),
 * and a code is copied once: its versions are then offered no more.
 */
function municipalRuleSets(all: { id: number; code: string; version: number; title: string; municipalityId: number | null }[], municipalityId: number | null) {
  if (municipalityId === null) return { regionalRuleSets: [], copies: [] }
  const own = all.filter((r) => r.municipalityId === municipalityId)
  const copied = new Set(own.map((r) => r.code))
  const pick = (r: (typeof all)[number]) => ({ id: r.id, version: r.version, title: r.title })
  return {
    regionalRuleSets: all.filter((r) => r.municipalityId === null && !copied.has(`${r.code}-m${municipalityId}`)).map(pick),
    // the newest version of each copy (the list is by code, newest first)
    copies: own.filter((r, i) => own.findIndex((o) => o.code === r.code) === i).map(pick),
  }
}

/** The municipal setup's forms, told apart from the campaign form by their intent. */
const setupIntents: readonly unknown[] = ['commission', 'copyRuleSet']

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const { actor, region, municipality } = await requireSelection(request, 'campaign:manage', form)
  const here = `/campaigns/manage?region=${region.id}${municipality ? `&municipality=${municipality.id}` : ''}`
  if (municipality && (form.get('intent') === 'commission' || form.get('intent') === 'copyRuleSet')) {
    return handleForm(form, municipalSetupSchema, async (s) =>
      s.intent === 'commission'
        ? (await createMunicipalCommission(actor, municipality.id, s.name), redirectWithFlash(here, text.commissionCreated))
        : redirectWithFlash(`/rule-sets/${await copyRegionalRuleSet(actor, municipality.id, s.ruleSetId)}`, text.ruleSetCopied),
    )
  }
  return handleForm(form, campaignCreateSchema, async (campaign) =>
    redirectWithFlash(`/campaigns/manage/${await createCampaign(actor, region.id, campaign)}`, text.created),
  )
}

export default function CampaignsManage() {
  const d = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  const reply = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(campaignCreateSchema, {
    id: 'campaign-create',
    lastResult: setupIntents.includes(reply?.form) ? null : reply,
    defaultValue: { commissionId: String(d.commissions[0]?.id ?? ''), municipalityId: d.municipality ? String(d.municipality.id) : '' },
  })
  return (
    <>
      <h1>{d.municipality ? text.municipalTitle(d.municipality.name) : text.title}</h1>
      {d.municipality ? null : <RegionPicker region={d.region} choices={d.choices} />}
      {d.municipality ? (
        <MunicipalSetup
          regionId={d.region.id}
          municipalityId={d.municipality.id}
          ruleSets={d.regionalRuleSets}
          copies={d.copies}
          reply={setupIntents.includes(reply?.form) ? reply : null}
        />
      ) : (
        <p>
          <Link to={`/rule-sets?region=${d.region.id}`}>{text.ruleSets}</Link>
        </p>
      )}

      <h2>{d.municipality ? text.municipalList : text.list}</h2>
      {d.campaigns.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <div {...scrollRegion(d.municipality ? text.municipalList : text.list)}>
          <table>
            <ColumnHeads labels={[text.campaign, text.state, text.opens, text.closes]} />
            <tbody>
              {d.campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/campaigns/manage/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>
                    <span className="badge" data-state={c.state}>
                      {campaignStateLabels[c.state] ?? c.state}
                    </span>
                  </td>
                  <td>{c.opensOn ? formatDate(c.opensOn) : '—'}</td>
                  <td>{c.closesOn ? formatDate(c.closesOn) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager {...d.pager} label={text.pager} />

      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{text.create}</h2>
        <p className="muted">{text.createHint}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        {d.ruleSets.length === 0 ? <p className="alert">{text.noRuleSets}</p> : null}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="region" value={d.region.id} />
          {d.municipality ? <input type="hidden" name="municipality" value={d.municipality.id} /> : null}
          <div className="field">
            <label htmlFor={fields.municipalityId.id}>{text.roster}</label>
            <select {...getSelectProps(fields.municipalityId)}>
              {d.municipality ? null : <option value="">{text.regionalRoster}</option>}
              {d.municipalities.map((m) => (
                <option key={m.id} value={m.id}>
                  {text.municipalRoster(m.name)}
                </option>
              ))}
            </select>
            <ErrorList id={fields.municipalityId.errorId} errors={fields.municipalityId.errors} />
          </div>
          {d.municipality && d.commissions.length === 0 ? <p className="alert">{text.noCommission}</p> : null}
          <div className="field">
            <label htmlFor={fields.title.id}>{text.campaignTitle}</label>
            <input {...getInputProps(fields.title, { type: 'text' })} />
            <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.ruleSetId.id}>{text.ruleSet}</label>
            <select {...getSelectProps(fields.ruleSetId)}>
              <option value="">{text.chooseRuleSet}</option>
              {d.ruleSets.map((r) => (
                <option key={r.id} value={r.id}>
                  {text.ruleSetOption(r.title, r.version)}
                </option>
              ))}
            </select>
            <ErrorList id={fields.ruleSetId.errorId} errors={fields.ruleSetId.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.commissionId.id}>{text.commission}</label>
            <select {...getSelectProps(fields.commissionId)}>
              {d.commissions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.commissionId.errorId} errors={fields.commissionId.errors} />
          </div>
          <StageDeadlineFields fields={fields} municipal={d.municipality !== null} />
          <button type="submit" disabled={busy}>
            {text.submit}
          </button>
        </Form>
      </section>
    </>
  )
}

/** A municipal selection's own commission and rule set (issue 10 §6); plain POST forms. */
function MunicipalSetup({
  regionId,
  municipalityId,
  ruleSets,
  copies,
  reply,
}: {
  regionId: number
  municipalityId: number
  ruleSets: { id: number; version: number; title: string }[]
  copies: { id: number; version: number; title: string }[]
  reply: { form?: string; error?: Record<string, string[] | null> | null } | null | undefined
}) {
  const busy = useNavigation().state === 'submitting'
  // A refusal of one of these forms is said here, above them, not in the campaign form below.
  const errors = Object.values(reply?.error ?? {}).flatMap((list) => list ?? [])
  return (
    <section className="card" aria-labelledby="setup-title">
      <h2 id="setup-title">{text.setup}</h2>
      <p className="muted">{text.setupHint}</p>
      <p>
        <Link to={`/coordinator/commission?municipality=${municipalityId}`}>{text.composition}</Link>
      </p>
      <FormErrors id="setup-errors" errors={[...new Set(errors)]} />
      {copies.length > 0 ? (
        <ul>
          {copies.map((r) => (
            <li key={r.id}>
              {text.copy}: <Link to={`/rule-sets/${r.id}`}>{text.ruleSetOption(r.title, r.version)}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post" className="inline-form">
        <input type="hidden" name="region" value={regionId} />
        <input type="hidden" name="municipality" value={municipalityId} />
        <input type="hidden" name="intent" value="commission" />
        <label htmlFor="municipal-commission-name">{text.commissionName}</label>{' '}
        <input id="municipal-commission-name" name="name" type="text" required minLength={3} maxLength={300} />{' '}
        <button type="submit" disabled={busy}>
          {text.createCommission}
        </button>
      </Form>
      {ruleSets.length > 0 ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="region" value={regionId} />
          <input type="hidden" name="municipality" value={municipalityId} />
          <input type="hidden" name="intent" value="copyRuleSet" />
          <label htmlFor="copy-rule-set">{text.copyFrom}</label>{' '}
          <select id="copy-rule-set" name="ruleSetId">
            {ruleSets.map((r) => (
              <option key={r.id} value={r.id}>
                {text.ruleSetOption(r.title, r.version)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" disabled={busy}>
            {text.copyRuleSet}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
