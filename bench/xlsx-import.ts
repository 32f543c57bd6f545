import { pathToFileURL } from 'node:url'
import { benchImport } from './import'

// The import benchmark on an Excel workbook (issue 12): the nominations of
// bench/import.ts, 100,000 rows as an .xlsx, read by the streaming reader
// (app/imports/xlsx.ts), validated and committed. Its own process, so the
// CSV run's memory never counts here:
//   xlsx_import_rows_per_s    rows read, validated and committed per second
//   xlsx_import_peak_rss_mb   the importing process's peak RSS (target < 300 MB)

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchImport({ format: 'xlsx' }).catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e)
    process.exit(1)
  })
}
