import { LIMITS_OF_PSA } from '../db/psa-model.js'
import { PSA_TITLES, type PsaName } from './psa.js'
import { LIBRARY_VERSION } from '../kpi-library/index.js'
import type {
  Band,
  Direction,
  Group,
  KpiDefinition,
  KpiKind,
  Lang,
  ParamSpec,
  ParamValue,
  Role,
  Text,
  Unit,
} from '../kpi-library/types.js'
import { DEFAULT_ROLES } from './defaults.js'

// The KPI reference for owners and consultants (`docs/kpis.md`, `roleboard kpi --reference`), written
// from the definitions themselves so it cannot drift from them: per KPI its meaning, kind and unit,
// window, population, source columns, parameters, band, roles and the industry definition it follows.
// What a definition does not state yet (its optional `about`) is marked as not yet documented.

type Any = KpiDefinition<Record<string, ParamValue>>

const GROUPS: Record<Group, Text> = {
  flow: { en: 'Ticket flow and backlog', nl: 'Ticketstroom en achterstand' },
  sla: { en: 'Responsiveness and SLA', nl: 'Reactietijd en SLA' },
  quality: { en: 'Resolution quality', nl: 'Kwaliteit van oplossen' },
  csat: { en: 'Customer satisfaction (CSAT)', nl: 'Klanttevredenheid (CSAT)' },
  time: { en: 'Utilization and time discipline', nl: 'Bezetting en urendiscipline' },
  hygiene: { en: 'Workflow hygiene', nl: 'Werkvoorraad op orde' },
  finance: { en: 'Finance and contracts', nl: 'Financiën en contracten' },
  account: { en: 'Account health', nl: 'Klantgezondheid' },
}

const KINDS: Record<KpiKind, Text> = {
  number: { en: 'number', nl: 'getal' },
  trend: { en: 'trend', nl: 'trend' },
  breakdown: { en: 'breakdown', nl: 'uitsplitsing' },
  list: { en: 'action list', nl: 'actielijst' },
}

const UNITS: Record<Unit, Text> = {
  count: { en: 'count', nl: 'aantal' },
  percent: { en: 'percent', nl: 'procent' },
  hours: { en: 'hours', nl: 'uren' },
  minutes: { en: 'minutes', nl: 'minuten' },
  days: { en: 'days', nl: 'dagen' },
  euro: { en: 'euro', nl: 'euro' },
  ratio: { en: 'ratio', nl: 'verhouding' },
  score: { en: 'score', nl: 'score' },
}

const SUFFIX: Partial<Record<Unit, Text>> = {
  percent: { en: '%', nl: '%' },
  hours: { en: ' h', nl: ' u' },
  minutes: { en: ' min', nl: ' min' },
  days: { en: ' days', nl: ' dagen' },
}

const DIRECTIONS: Record<Direction, Text> = {
  higher: { en: 'higher is better', nl: 'hoger is beter' },
  lower: { en: 'lower is better', nl: 'lager is beter' },
  neutral: { en: 'neither: read it in context', nl: 'geen van beide: lees het in samenhang' },
}

const PARAM_TYPES: Record<ParamSpec['type'], Text> = {
  number: { en: 'number', nl: 'getal' },
  integer: { en: 'whole number', nl: 'geheel getal' },
  integers: { en: 'list of whole numbers', nl: 'lijst van gehele getallen' },
  boolean: { en: 'yes/no', nl: 'ja/nee' },
  string: { en: 'text', nl: 'tekst' },
}

/** The reference's own words, in both languages. */
const WORDS = {
  title: { en: 'KPI reference', nl: 'KPI-naslag' },
  generated: {
    en: 'Generated from the KPI definitions in `kpi-library/` by `npm run docs:kpis` (`roleboard kpi --reference`); do not edit by hand. A test fails when this file and the definitions differ.',
    nl: 'Gemaakt uit de KPI-definities in `kpi-library/` met `npm run docs:kpis` (`roleboard kpi --reference --lang nl`); niet met de hand bewerken.',
  },
  conventions: {
    en: 'Conventions: day and week boundaries are local time in `ROLEBOARD_TZ` (ISO weeks, Monday first); "the last N days" is (the same local time N days ago, now]; "open" is every state but complete (docs/psa-model.md); a CSAT rating is the survey result\'s overall rating on 1-5, "low" is 2 or less; business hours are `ROLEBOARD_BUSINESS_HOURS`. Values are exact to 0.01 in the API; screens round for display.',
    nl: 'Afspraken: dag- en weekgrenzen zijn lokale tijd in `ROLEBOARD_TZ` (ISO-weken, maandag eerst); "de afgelopen N dagen" is (hetzelfde lokale tijdstip N dagen geleden, nu]; "open" is alles wat niet afgerond is (docs/psa-model.md); een CSAT-score is de totaalscore van het enquêteresultaat op 1-5, "laag" is 2 of minder; werkuren zijn `ROLEBOARD_BUSINESS_HOURS`. Waarden zijn in de API exact tot op 0,01; schermen ronden af voor weergave.',
  },
  summary: {
    en: (kpis: number, lists: number, version: string) =>
      `${kpis} KPIs, ${lists} of them action lists; library version ${version}.`,
    nl: (kpis: number, lists: number, version: string) =>
      `${kpis} KPI's, waarvan ${lists} actielijsten; bibliotheekversie ${version}.`,
  },
  contents: { en: 'Contents', nl: 'Inhoud' },
  otherLanguage: { en: 'Dutch', nl: 'Engels' },
  kind: { en: 'Kind', nl: 'Soort' },
  unit: { en: 'in', nl: 'in' },
  window: { en: 'Window', nl: 'Periode' },
  population: { en: 'Population', nl: 'Wat telt mee' },
  sources: { en: 'Source columns (docs/psa-model.md)', nl: 'Broncolumns (docs/psa-model.md)' },
  differs: { en: 'Where a PSA cannot tell', nl: 'Waar een PSA het niet weet' },
  band: { en: 'Target band', nl: 'Normband' },
  direction: { en: 'Direction', nl: 'Richting' },
  roles: { en: 'Roles', nl: 'Rollen' },
  personal: { en: 'Personal view', nl: 'Persoonlijke weergave' },
  personalYes: { en: 'yes: narrows to one person with `me`', nl: 'ja: beperkt tot één persoon met `me`' },
  personalNo: { en: 'no: always the whole team', nl: 'nee: altijd het hele team' },
  freshness: { en: 'Stale after', nl: 'Verouderd na' },
  industry: { en: 'Industry definition', nl: 'Definitie in de branche' },
  parameters: { en: 'Parameters', nl: 'Parameters' },
  noParameters: { en: 'Parameters: none.', nl: 'Parameters: geen.' },
  paramHead: {
    en: '| parameter | type | default | range | meaning |',
    nl: '| parameter | soort | standaard | bereik | betekenis |',
  },
  action: { en: 'Action', nl: 'Actie' },
  owner: { en: 'Who acts', nl: 'Wie handelt' },
  leaves: { en: 'A row leaves when', nl: 'Een regel verdwijnt als' },
  sort: { en: 'Sorted', nl: 'Sortering' },
  fields: { en: 'Row fields', nl: 'Kolommen' },
  ack: {
    none: {
      en: 'A tap cannot take a row off: it leaves only when the PSA shows the change.',
      nl: 'Een tik haalt geen regel weg: hij verdwijnt pas als de PSA de wijziging toont.',
    },
    take: {
      en: 'A tap marks the row as taken by that person on every screen; it can be undone, and the row stays until the PSA shows the change.',
      nl: 'Een tik markeert de regel op elk scherm als opgepakt door die persoon; dat kan ongedaan worden gemaakt, en de regel blijft tot de PSA de wijziging toont.',
    },
    resolve: {
      en: 'A tap asks for a note and takes the row off the list for everyone; it is logged and can be undone.',
      nl: 'Een tik vraagt om een notitie en haalt de regel voor iedereen van de lijst; dat wordt vastgelegd en kan ongedaan worden gemaakt.',
    },
  },
  missing: { en: '*not yet documented*', nl: '*nog niet beschreven*' },
  none: { en: 'none (no red, amber or green)', nl: 'geen (geen rood, oranje of groen)' },
  minutes: { en: (n: number) => `${n} minutes`, nl: (n: number) => `${n} minuten` },
  hours: { en: (n: number) => `${n} hours`, nl: (n: number) => `${n} uur` },
  empty: { en: 'empty', nl: 'leeg' },
  yes: { en: 'yes', nl: 'ja' },
  no: { en: 'no', nl: 'nee' },
} as const

function roleName(role: Role, lang: Lang): string {
  return DEFAULT_ROLES.find((r) => r.id === role)?.name[lang] ?? role
}

/** A number as the reference writes it: a decimal comma in Dutch. */
function num(value: number, lang: Lang): string {
  const text = String(value)
  return lang === 'nl' ? text.replace('.', ',') : text
}

function withUnit(value: number, unit: Unit, lang: Lang): string {
  const suffix = SUFFIX[unit]?.[lang] ?? ''
  return unit === 'euro' ? `€${lang === 'nl' ? ' ' : ''}${num(value, lang)}` : `${num(value, lang)}${suffix}`
}

/** The band in words: when the tile is green, amber and red (an action list: by its number of rows). */
function bandText(band: Band | null, direction: Direction, unit: Unit, kind: KpiKind, lang: Lang): string {
  // The engine gives a list a status only when it is an exception list (lower is better).
  if (!band || direction === 'neutral' || (kind === 'list' && direction !== 'lower')) return WORDS.none[lang]
  const u = kind === 'list' ? 'count' : unit
  const target = withUnit(band.target, u, lang)
  const warn = withUnit(band.warn, u, lang)
  const rows = kind === 'list' ? (lang === 'en' ? ' (rows on the list)' : ' (regels op de lijst)') : ''
  if (direction === 'higher') {
    return lang === 'en'
      ? `green at ${target} or more, amber down to ${warn}, red below${rows}`
      : `groen vanaf ${target}, oranje tot ${warn}, rood daaronder${rows}`
  }
  const green =
    band.target === 0
      ? lang === 'en'
        ? `green at ${target}`
        : `groen bij ${target}`
      : lang === 'en'
        ? `green up to ${target}`
        : `groen tot en met ${target}`
  if (band.target === band.warn) return lang === 'en' ? `${green}, red above${rows}` : `${green}, rood daarboven${rows}`
  return lang === 'en'
    ? `${green}, amber up to ${warn}, red above${rows}`
    : `${green}, oranje tot en met ${warn}, rood daarboven${rows}`
}

function paramDefault(spec: ParamSpec, lang: Lang): string {
  const value = spec.default
  if (Array.isArray(value)) return value.length === 0 ? WORDS.empty[lang] : `\`[${value.join(', ')}]\``
  if (typeof value === 'boolean') return value ? WORDS.yes[lang] : WORDS.no[lang]
  if (typeof value === 'number') return `\`${num(value, lang)}\``
  return value === '' ? WORDS.empty[lang] : `\`${value}\``
}

function paramRange(spec: ParamSpec, lang: Lang): string {
  if (spec.min === undefined && spec.max === undefined) return '-'
  if (spec.min !== undefined && spec.max !== undefined) return `${num(spec.min, lang)}-${num(spec.max, lang)}`
  if (spec.min !== undefined) return `≥ ${num(spec.min, lang)}`
  return `≤ ${num(spec.max!, lang)}`
}

/** Table cells may not hold a line break or an unescaped pipe. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')
}

function kpiSection(kpi: Any, lang: Lang): string[] {
  const other: Lang = lang === 'en' ? 'nl' : 'en'
  const about = kpi.about
  const out: string[] = []
  out.push(`### \`${kpi.id}\``, '')
  out.push(`**${kpi.title[lang]}** · ${WORDS.otherLanguage[lang]}: *${kpi.title[other]}*`, '')
  out.push(kpi.description[lang], '')
  const rows: Array<[string, string]> = [
    [
      WORDS.kind[lang],
      kpi.kind === 'list' ? KINDS.list[lang] : `${KINDS[kpi.kind][lang]}, ${WORDS.unit[lang]} ${UNITS[kpi.unit][lang]}`,
    ],
    [WORDS.window[lang], kpi.window[lang]],
    [WORDS.population[lang], about ? about.population[lang] : WORDS.missing[lang]],
    [
      WORDS.sources[lang],
      about ? (about.sources.length > 0 ? about.sources.map((s) => `\`${s}\``).join(', ') : '-') : WORDS.missing[lang],
    ],
    // What the tile's window adds on a PSA whose data lacks what the KPI reads (db/psa-model.ts LIMITS_OF_PSA).
    ...(kpi.differs
      ? [
          [
            WORDS.differs[lang],
            Object.entries(LIMITS_OF_PSA)
              .flatMap(([psa, limits]) =>
                limits.flatMap((limit) => {
                  const note = kpi.differs?.[limit]?.[lang]
                  return note ? [`${PSA_TITLES[psa as PsaName]}: "${note}"`] : []
                }),
              )
              .join('; '),
          ] as [string, string],
        ]
      : []),
    [WORDS.direction[lang], DIRECTIONS[kpi.direction][lang]],
    [WORDS.band[lang], bandText(kpi.band, kpi.direction, kpi.unit, kpi.kind, lang)],
    [WORDS.roles[lang], kpi.roles.map((role) => roleName(role, lang)).join(', ')],
    [WORDS.personal[lang], kpi.personal ? WORDS.personalYes[lang] : WORDS.personalNo[lang]],
    [
      WORDS.freshness[lang],
      kpi.freshnessMinutes >= 120 && kpi.freshnessMinutes % 60 === 0
        ? WORDS.hours[lang](kpi.freshnessMinutes / 60)
        : WORDS.minutes[lang](kpi.freshnessMinutes),
    ],
    [WORDS.industry[lang], about ? about.industry[lang] : WORDS.missing[lang]],
  ]
  out.push('| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${cell(value)} |`), '')
  const params = Object.entries(kpi.params) as Array<[string, ParamSpec]>
  if (params.length === 0) out.push(WORDS.noParameters[lang], '')
  else {
    out.push(`${WORDS.parameters[lang]}:`, '', WORDS.paramHead[lang], '|---|---|---|---|---|')
    for (const [name, spec] of params)
      out.push(
        `| \`${name}\` | ${PARAM_TYPES[spec.type][lang]} | ${paramDefault(spec, lang)} | ${paramRange(spec, lang)} | ${cell(spec.description[lang])} |`,
      )
    out.push('')
  }
  if (kpi.action) {
    const a = kpi.action
    out.push(
      `${WORDS.action[lang]}: **${a.verb[lang]}**. ${WORDS.owner[lang]}: ${a.owner[lang]}. ${WORDS.leaves[lang]} ${a.leavesWhen[lang]}. ${WORDS.sort[lang]}: ${a.sort[lang]}. ${WORDS.ack[a.ack][lang]}`,
      '',
    )
    out.push(
      `${WORDS.fields[lang]}: ${a.fields.map((field) => `${field.label[lang]} (\`${field.key}\`)`).join(', ')}.`,
      '',
    )
  }
  return out
}

/** The whole reference as Markdown, grouped as the library is, with a table of contents. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each KPI has queries of its own shape
export function kpiReference(kpis: ReadonlyArray<KpiDefinition<any>>, lang: Lang = 'en'): string {
  const all = kpis as ReadonlyArray<Any>
  const groups: Group[] = []
  for (const kpi of all) if (!groups.includes(kpi.group)) groups.push(kpi.group)
  const out: string[] = [
    `# ${WORDS.title[lang]}`,
    '',
    WORDS.generated[lang],
    '',
    WORDS.summary[lang](all.length, all.filter((k) => k.kind === 'list').length, LIBRARY_VERSION),
    '',
    WORDS.conventions[lang],
    '',
  ]
  out.push(`## ${WORDS.contents[lang]}`, '')
  for (const group of groups) {
    const members = all.filter((k) => k.group === group)
    out.push(`- [${GROUPS[group][lang]}](#${anchor(GROUPS[group][lang])}) (${members.length})`)
    for (const kpi of members)
      out.push(`  - [\`${kpi.id}\`](#${kpi.id}): ${kpi.title[lang]} (${KINDS[kpi.kind][lang]})`)
  }
  out.push('')
  for (const group of groups) {
    out.push(`## ${GROUPS[group][lang]}`, '')
    for (const kpi of all.filter((k) => k.group === group)) out.push(...kpiSection(kpi, lang))
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
}
