import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { endSession } from '~/http/session.server'

export const action = ({ request }: ActionFunctionArgs) => endSession(request)
// Sign-out is a POST only (a GET link could be triggered by another site).
export const loader = () => redirect('/')
