import type { LoaderFunctionArgs } from '@remix-run/node'
import { importKinds, type ImportKind } from '~/imports/columns'
import { templateCsv, templateFileNames } from '~/imports/templates'

// GET /imports/template/{nominations|registry|qualification}[?encoding=windows-1251]
// The empty template of a kind: no data in it, so no sign-in needed.

const text = { unknown: 'Такого шаблона нет.' }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const kind = params.kind as ImportKind
  if (!importKinds.includes(kind)) throw new Response(text.unknown, { status: 404 })
  const encoding = new URL(request.url).searchParams.get('encoding') === 'windows-1251' ? 'windows-1251' : 'utf-8'
  const names = templateFileNames[kind]
  return new Response(new Uint8Array(templateCsv(kind, encoding)), {
    headers: {
      'Content-Type': `text/csv; charset=${encoding}`,
      'Content-Disposition': `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.russian)}`,
      'Cache-Control': 'public, max-age=3600',
    },
  })
}
