import { fill } from '../i18n.ts'
import type { Lang } from '../types.ts'
import { type AdminKey, ADMIN_STRINGS } from './strings.ts'

/** The words of one language; `lang` for what is not a word (numbers, dates, the KPIs' own texts). */
export type Say = ((key: AdminKey, values?: Record<string, string | number>) => string) & { lang: Lang }

/** The builder's words in one language: `const say = texts(lang); say('remove')`. */
export function texts(lang: Lang): Say {
  return Object.assign(
    (key: AdminKey, values?: Record<string, string | number>) => fill(ADMIN_STRINGS[key][lang], values),
    { lang },
  )
}
