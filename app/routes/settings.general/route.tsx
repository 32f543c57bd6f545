import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, getSelectProps } from '@conform-to/react'
import { changeGeneralSettings, settingsOverview } from '~/domain/region-settings.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSettingsRegionOf } from '~/http/settings-region.server'
import { generalSettingsSchema, quorumChoices, quorumLabel, quorumValue } from '~/model/inputs/region-settings'
import { timeZoneOptions } from '~/model/time-zones'
import { ErrorList, FormErrors, InputField, SelectField, SubmitButton, useSchemaForm } from '~/ui/form'
import { SettingsNav, settingsHref } from '~/ui/settings-nav'

const text = {
  title: 'Общие правила',
  titleOf: (region: string) => `Общие правила: ${region}`,
  timeZone: 'Часовой пояс',
  timeZoneHint: 'От него зависят сроки приёма, срок согласий и время в протоколах.',
  termYears: 'Срок полномочий члена актива, лет',
  termHint: 'Считается от даты приказа об утверждении состава; от 1 до 10 лет.',
  quorum: 'Кворум заседания комиссии',
  quorumHint: 'Правило действует для всех комиссий региона.',
  quorumMixed: 'Сейчас у комиссий региона разные правила; сохранение установит выбранное для всех.',
  noCommission: 'У региона пока нет комиссии.',
  ministryName: 'Орган управления образованием',
  ministryHint: 'Так он называется в приказах, справках и на странице региона.',
  siteUrl: 'Сайт',
  save: 'Сохранить',
  saving: 'Сохраняем…',
  saved: 'Общие правила сохранены.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireSettingsRegionOf(request)
  const o = await orErrorPage(settingsOverview(actor, region.id))
  const current = o.quorum === 'mixed' ? null : o.quorum
  return {
    region: { code: region.code, name: region.name },
    choices,
    commissions: o.commissions,
    mixed: o.quorum === 'mixed',
    timeZones: timeZoneOptions(o.region.timeZone),
    // a stored fraction that is none of the usual ones stays selectable
    quorumOptions: [...quorumChoices.map((c) => ({ value: c.value as string, label: c.label })), ...(quorumChoices.some((c) => c.value === quorumValue(current)) ? [] : [{ value: quorumValue(current), label: quorumLabel(current) }])],
    values: {
      timeZone: o.region.timeZone,
      termYears: String(o.region.termYears),
      quorum: quorumValue(current),
      ministryName: o.region.ministryName,
      siteUrl: o.region.siteUrl,
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const requested = form.get('region')
  const { actor, region } = await requireSettingsRegionOf(request, typeof requested === 'string' ? requested : '')
  return handleForm(form, generalSettingsSchema, (g) =>
    changeGeneralSettings(actor, region.id, g).then(() => redirectWithFlash(settingsHref('/settings/general', region.code), text.saved)),
  )
}

export default function GeneralSettings() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(generalSettingsSchema, { id: 'general', lastResult: reply, defaultValue: d.values })
  return (
    <>
      <h1>{text.titleOf(d.region.name)}</h1>
      <SettingsNav region={d.region} choices={d.choices} current="/settings/general" />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="region" value={d.region.code} />
        <SelectField meta={fields.timeZone} label={text.timeZone} options={d.timeZones} hint={text.timeZoneHint} />
        <InputField meta={fields.termYears} label={text.termYears} type="text" inputMode="numeric" hint={text.termHint} />
        <div className="field">
          <label htmlFor={fields.quorum.id}>{text.quorum}</label>
          <select {...getSelectProps(fields.quorum, { ariaDescribedBy: `${fields.quorum.id}-hint` })}>
            {d.quorumOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <span id={`${fields.quorum.id}-hint`} className="muted">
            {d.commissions === 0 ? text.noCommission : d.mixed ? text.quorumMixed : text.quorumHint}
          </span>
          <ErrorList id={fields.quorum.errorId} errors={fields.quorum.errors} />
        </div>
        <InputField meta={fields.ministryName} label={text.ministryName} type="text" hint={text.ministryHint} />
        <InputField meta={fields.siteUrl} label={text.siteUrl} type="url" />
        <SubmitButton label={text.save} busyLabel={text.saving} />
      </Form>
    </>
  )
}
