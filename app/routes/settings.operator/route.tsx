import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { changeOperator, settingsOverview } from '~/domain/region-settings.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSettingsRegionOf } from '~/http/settings-region.server'
import { operatorSchema } from '~/model/inputs/region-settings'
import { FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import { SettingsNav, settingsHref } from '~/ui/settings-nav'

const text = {
  title: 'Оператор персональных данных',
  titleOf: (region: string) => `Оператор персональных данных: ${region}`,
  lead: 'Оператор называется в текстах согласий на обработку и на распространение персональных данных (ст. 9 и 10.1 Федерального закона № 152-ФЗ). Новые согласия сразу называют сохранённого здесь оператора.',
  demo: 'Сейчас указан демонстрационный оператор из пресета региона. Пока он не заменён настоящим, тексты согласий называют чужую организацию: укажите вашего оператора и сохраните.',
  empty: 'Оператор не указан.',
  name: 'Полное наименование',
  inn: 'ИНН',
  innHint: '10 цифр для организации, 12 — для индивидуального предпринимателя.',
  ogrn: 'ОГРН',
  ogrnHint: '13 цифр (ОГРНИП — 15).',
  address: 'Адрес',
  save: 'Сохранить',
  saving: 'Сохраняем…',
  saved: 'Оператор персональных данных сохранён.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireSettingsRegionOf(request)
  const { operator } = await orErrorPage(settingsOverview(actor, region.id))
  return { region: { code: region.code, name: region.name }, choices, operator }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const requested = form.get('region')
  const { actor, region } = await requireSettingsRegionOf(request, typeof requested === 'string' ? requested : '')
  return handleForm(form, operatorSchema, (o) =>
    changeOperator(actor, region.id, o).then(() => redirectWithFlash(settingsHref('/settings/operator', region.code), text.saved)),
  )
}

export default function OperatorSettings() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { demo, ...values } = d.operator
  const [form, fields] = useSchemaForm(operatorSchema, { id: 'operator', lastResult: reply, defaultValue: values })
  return (
    <>
      <h1>{text.titleOf(d.region.name)}</h1>
      <SettingsNav region={d.region} choices={d.choices} current="/settings/operator" />
      <p>{text.lead}</p>
      {demo ? (
        <p className="warning" role="status">
          {text.demo}
        </p>
      ) : !values.name ? (
        <p className="warning">{text.empty}</p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="region" value={d.region.code} />
        <InputField meta={fields.name} label={text.name} type="text" />
        <InputField meta={fields.inn} label={text.inn} type="text" inputMode="numeric" hint={text.innHint} />
        <InputField meta={fields.ogrn} label={text.ogrn} type="text" inputMode="numeric" hint={text.ogrnHint} />
        <InputField meta={fields.address} label={text.address} type="text" />
        <SubmitButton label={text.save} busyLabel={text.saving} />
      </Form>
    </>
  )
}
