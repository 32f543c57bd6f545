import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, getSelectProps } from '@conform-to/react'
import { createRegion, presetChoices } from '~/domain/region-create.server'
import { requirePermission } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { EMPTY_REGION, newRegionSchema } from '~/model/inputs/region-settings'
import { timeZoneLabel, timeZoneOptions } from '~/model/time-zones'
import { ErrorList, FormErrors, InputField, SelectField, SubmitButton, useSchemaForm } from '~/ui/form'
import { settingsHref } from '~/ui/settings-nav'

const text = {
  title: 'Новый регион',
  lead: 'Регион из пресета получает муниципалитеты (с оценочным числом педагогов), направления и группы, набор требований, комиссию и региональный актив. Пустой регион получает актив, комиссию и типовой набор требований; муниципалитеты и направления добавляются в его настройках.',
  preset: 'С чего начать',
  empty: 'Пустой регион',
  fromPreset: (name: string, tz: string) => `Пресет: ${name}, ${tz}`,
  code: 'Код региона',
  codeHint: 'Латинские строчные буквы, цифры и дефис; он будет в адресах страниц, например /regions/tver.',
  name: 'Название',
  nameHint: 'Для пресета можно не указывать: возьмётся название пресета.',
  timeZone: 'Часовой пояс',
  timeZoneHint: 'Для пресета можно не выбирать: возьмётся часовой пояс пресета.',
  timeZoneOfPreset: '— как в пресете —',
  create: 'Создать регион',
  creating: 'Создаём…',
  created: (name: string) => `Регион «${name}» создан. Проверьте его настройки: оператора персональных данных, муниципалитеты и общие правила.`,
  back: 'К настройкам',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  requirePermission(actor, 'region:create', {})
  return { presets: presetChoices().map((p) => ({ ...p, timeZone: timeZoneLabel(p.timeZone) })), timeZones: timeZoneOptions() }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  requirePermission(actor, 'region:create', {})
  return handleForm(request, newRegionSchema, async (input) => {
    const created = await createRegion(actor, input)
    const name = input.name ?? presetChoices().find((p) => p.code === input.preset)?.name ?? input.code
    return redirectWithFlash(settingsHref('/settings', created.code), text.created(name))
  })
}

export default function NewRegion() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(newRegionSchema, { id: 'new-region', lastResult: reply, defaultValue: { preset: d.presets[0]?.code ?? EMPTY_REGION } })
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.preset.id}>{text.preset}</label>
          <select {...getSelectProps(fields.preset)}>
            {d.presets.map((p) => (
              <option key={p.code} value={p.code}>
                {text.fromPreset(p.name, p.timeZone)}
              </option>
            ))}
            <option value={EMPTY_REGION}>{text.empty}</option>
          </select>
          <ErrorList id={fields.preset.errorId} errors={fields.preset.errors} />
        </div>
        <InputField meta={fields.code} label={text.code} type="text" hint={text.codeHint} autoComplete="off" />
        <InputField meta={fields.name} label={text.name} type="text" hint={text.nameHint} />
        <SelectField meta={fields.timeZone} label={text.timeZone} options={d.timeZones} placeholder={text.timeZoneOfPreset} hint={text.timeZoneHint} />
        <SubmitButton label={text.create} busyLabel={text.creating} />
      </Form>
      <p>
        <Link to="/settings">{text.back}</Link>
      </p>
    </>
  )
}
