import { h } from '../dom.ts'
import type { Lang, LibraryKpi, TileDefinition } from '../types.ts'
import { fieldNumber, parseFieldNumber } from './band-fields.ts'
import type { Say } from './say.ts'

// Tiles whose options are unfolded stay so when a saved change draws the list again.
const OPEN = new Set<number>()

/** What a tile sends when its own title or parameters change. */
export interface TileOptionsChange {
  title?: string | null
  params?: Record<string, unknown>
}

/** The unit a parameter is counted in, read from its name (the library states none). */
function unitOf(name: string, lang: Lang): string {
  if (/rate|cost/i.test(name)) return '€'
  if (/share/i.test(name)) return lang === 'nl' ? 'deel (0-1)' : 'share (0-1)'
  if (/percent/i.test(name)) return '%'
  if (/minutes/i.test(name)) return 'min'
  if (/hours/i.test(name)) return lang === 'nl' ? 'uur' : 'h'
  if (/weeks/i.test(name)) return lang === 'nl' ? 'weken' : 'weeks'
  if (/months/i.test(name)) return lang === 'nl' ? 'maanden' : 'months'
  if (/days/i.test(name)) return lang === 'nl' ? 'dagen' : 'days'
  return ''
}

/**
 * The kinds of contract, roleboard's codes on every PSA (db/psa-model.ts CONTRACT_KIND) with their usual names:
 * a parameter that lists contract types is picked by name instead of typed as codes.
 */
const CONTRACT_KINDS: Array<[number, string]> = [
  [1, 'Time and Materials'],
  [3, 'Fixed Price'],
  [4, 'Block Hours'],
  [6, 'Retainer'],
  [7, 'Recurring Service'],
  [8, 'Per Ticket'],
]
const listsContractTypes = (spec: LibraryKpi['params'][string]) =>
  spec.type === 'integers' && /contract ?types/i.test(spec.description.en)

/** Ticks for each contract type by name, kept in step with the codes in `box` (whose change saves them). */
function contractTypePicks(box: HTMLInputElement, current: unknown, label: string): HTMLElement {
  const chosen = new Set(Array.isArray(current) ? current.map(Number) : [])
  const ticks = CONTRACT_KINDS.map(([code, name]) => {
    const tick = h('input', {
      type: 'checkbox',
      name: `pick-${box.name}`,
      value: code,
      'aria-label': `${label}: ${code} ${name}`,
    })
    tick.checked = chosen.has(code)
    tick.addEventListener('change', () => {
      const known = new Set(CONTRACT_KINDS.map(([c]) => c))
      const typed = box.value
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map(Number)
        .filter((c) => !known.has(c))
      box.value = [...ticks.filter((t) => t.checked).map((t) => Number(t.value)), ...typed].join(', ')
      box.dispatchEvent(new Event('change'))
    })
    return tick
  })
  return h(
    'span.option-picks',
    null,
    ...ticks.map((tick, i) => h('label.pick', null, tick, ` ${CONTRACT_KINDS[i]![0]} ${CONTRACT_KINDS[i]![1]}`)),
  )
}

function shown(value: unknown, lang: Lang): string {
  if (typeof value === 'number') return fieldNumber(value, lang)
  if (Array.isArray(value)) return value.join(', ')
  return String(value ?? '')
}

/**
 * A tile's own title and parameters, folded under its row: each parameter with its unit, range and the
 * library's one line, showing the value in force (the tile's own, else the MSP setting, else the KPI's
 * default, said in grey); checked before anything is sent, with the reason next to the field.
 */
export function tileOptions(
  kpi: LibraryKpi,
  tile: TileDefinition,
  view: { lang: Lang; say: Say; settingDefaults: Record<string, unknown> },
  onCommit: (change: TileOptionsChange) => Promise<string | null>,
): HTMLElement {
  const { lang, say } = view
  // Not .field-error: that is the band's line in the same row.
  const message = h('p.option-error', { role: 'alert' })
  const title = h('input', {
    name: 'tile-title',
    type: 'text',
    maxlength: 120,
    value: tile.title ?? '',
    placeholder: kpi.title[lang],
    'aria-label': say('tileTitleOf', { title: kpi.title[lang] }),
  })
  title.addEventListener('change', async () => {
    const next = title.value.trim() || null
    if (next === (tile.title ?? null)) return
    const error = await onCommit({ title: next })
    if (error) message.textContent = say('notSaved', { reason: error })
  })
  // Each option on three lines: its name, the field with its unit beside it, the one line of help.
  const rows: HTMLElement[] = [
    h(
      'label.option.option-title',
      null,
      h('span.option-name', { text: say('tileTitle') }),
      h('span.option-field', null, title),
      h('span.option-hint', { text: say('tileTitleHint') }),
    ),
  ]

  for (const [name, spec] of Object.entries(kpi.params)) {
    const own = Object.hasOwn(tile.params, name)
    const fromSettings = Object.hasOwn(view.settingDefaults, name)
    const fallback = fromSettings ? view.settingDefaults[name] : spec.default
    const source = say(fromSettings ? 'paramFromSettings' : 'paramFromKpi', { value: shown(fallback, lang) })
    const range =
      spec.min !== undefined && spec.max !== undefined
        ? say('paramRange', { min: fieldNumber(spec.min, lang), max: fieldNumber(spec.max, lang) })
        : ''
    const unit = unitOf(name, lang)
    // The library's line names the parameter in the page's language (its id is English).
    const label = spec.description[lang]
    let box: HTMLInputElement
    if (spec.type === 'boolean') {
      box = h('input', { type: 'checkbox', name: `param-${name}`, 'aria-label': label })
      box.checked = Boolean(own ? tile.params[name] : fallback)
    } else {
      box = h('input', {
        type: 'text',
        name: `param-${name}`,
        inputmode: spec.type === 'string' ? 'text' : 'decimal',
        autocomplete: 'off',
        'aria-label': label,
        value: own ? shown(tile.params[name], lang) : '',
        placeholder: shown(fallback, lang),
      })
    }
    const read = (): { value?: unknown; error?: string } => {
      if (spec.type === 'boolean') return { value: box.checked === Boolean(fallback) && !own ? undefined : box.checked }
      const text = box.value.trim()
      if (text === '') return {} // emptied: the setting or the KPI's default again
      if (spec.type === 'string') return { value: text }
      if (spec.type === 'integers') {
        const parts = text.split(/[\s,;]+/).filter(Boolean)
        return parts.every((p) => /^-?\d+$/.test(p)) ? { value: parts.map(Number) } : { error: say('paramIntegers') }
      }
      const n = parseFieldNumber(text, lang)
      if (n === null || Number.isNaN(n)) return { error: say('notANumber', { example: shown(spec.default, lang) }) }
      if (spec.type === 'integer' && !Number.isInteger(n)) return { error: say('paramWhole') }
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
        return { error: say('paramOutOfRange', { name: label.replace(/\.$/, ''), range }) }
      return { value: n }
    }
    box.addEventListener('change', async () => {
      const { value, error } = read()
      box.setAttribute('aria-invalid', String(Boolean(error)))
      if (error) {
        message.textContent = error
        return
      }
      message.textContent = ''
      const params = { ...tile.params }
      if (value === undefined) delete params[name]
      else params[name] = value
      const refused = await onCommit({ params })
      if (refused) message.textContent = say('notSaved', { reason: refused })
    })
    rows.push(
      h(
        'label.option',
        { 'data-param': name },
        h('span.option-name', { text: label }),
        h('span.option-field', null, box, unit ? h('span.unit', { text: unit }) : null),
        listsContractTypes(spec) ? contractTypePicks(box, own ? tile.params[name] : fallback, label) : null,
        h('span.option-hint', { text: [range, own ? '' : source].filter(Boolean).join(' · ') }),
      ),
    )
  }
  const count = Object.keys(tile.params).length + (tile.title ? 1 : 0)
  const details = h(
    'details.tile-options',
    { open: OPEN.has(tile.id) },
    h('summary', {
      text: say(Object.keys(kpi.params).length ? 'tileOptions' : 'tileOptionsTitleOnly', {
        state: count ? say('optionsChanged', { n: count }) : say('optionsAllDefault'),
      }),
    }),
    ...rows,
    message,
  )
  details.addEventListener('toggle', () => (details.open ? OPEN.add(tile.id) : OPEN.delete(tile.id)))
  return details
}
