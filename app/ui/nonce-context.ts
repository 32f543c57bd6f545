import { createContext, useContext } from 'react'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-response nonce that the CSP header allows for inline scripts. */
    cspNonce: string
    /** The client's address as the server trusts it (for rate limits). */
    clientAddress: string
  }
}

export const NonceContext = createContext<string>('')
export const useNonce = () => useContext(NonceContext)
