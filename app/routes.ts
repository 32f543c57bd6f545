import { route, type RouteConfig } from '@remix-run/route-config'
import { flatRoutes } from '@remix-run/fs-routes'
import { applicationFormRoutes } from './pages/application-form-routes'

// File routes from app/routes, plus page modules outside it that serve
// several URLs (one module, one mode per URL).
export default flatRoutes().then((files) => [
  ...files,
  ...applicationFormRoutes.map((r) => route(r.path, 'pages/application-form.tsx', { id: r.id })),
]) satisfies RouteConfig
