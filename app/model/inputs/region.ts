import { z } from 'zod'
import { isTimeZone } from '~/utils/dates'

/** A region's IANA time zone, checked at the edge (presets, settings) with a Russian message. */
export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, { message: 'Укажите часовой пояс в формате базы IANA, например Asia/Tomsk или Asia/Vladivostok' })
