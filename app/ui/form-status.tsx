// The outcome of the last form on a page, announced to screen readers:
// a confirmation (after a redirect back) or the action's Russian error.
export function FormStatus({ status, error }: { status?: string | null; error?: string | null }) {
  return (
    <div aria-live="polite">
      {status && !error ? (
        <p role="status" className="card">
          {status}
        </p>
      ) : null}
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
