import {
  BRAND_LOGO_MAX_BYTES,
  CURRENCIES,
  HOLIDAY_COUNTRIES,
  type HolidayCountry,
} from '../../../kpi-library/wire-types.ts'
import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import { formatDate } from '../format.ts'
import type { Lang, MspSettings, SettingsView } from '../types.ts'
import { compileMeanings, type TicketMeanings, type TicketState, ticketState } from '../../../db/psa-model.ts'
import { fieldNumber, parseFieldNumber } from './band-fields.ts'
import { fileInput } from './package-file.ts'
import type { Say } from './say.ts'
import type { AdminKey } from './strings.ts'

// The MSP settings, once for every KPI (GET/PUT /api/settings, server/services/settings.ts): each
// group saves on its own, checked here first, the server's reason next to it when refused.

const DAYS = [1, 2, 3, 4, 5, 6, 7]
const DATE = /^\d{4}-\d{2}-\d{2}$/
// Every country the holidays know has a label: a new one in the KPI library fails the build until it is named.
const COUNTRY_LABEL: Record<HolidayCountry, AdminKey> = { NL: 'countryNL', BE: 'countryBE', none: 'countryNone' }

/** A stored date (`2026-12-24`) as it is typed on the page: `24-12-2026` in Dutch, `24/12/2026` in English. */
function dateText(iso: string, lang: Lang): string {
  return formatDate(`${iso}T12:00:00Z`, lang)
}

/** A typed date, day first (`24-12-2026`, `24/12/2026`, `24.12.2026`; the stored form too), as stored; null: no such date. */
export function parseDateText(text: string): string | null {
  const t = text.trim()
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t)
  const ymd = DATE.test(t) ? t.split('-') : null
  const [y, m, d] = dmy ? [dmy[3]!, dmy[2]!, dmy[1]!] : ymd ? [ymd[0]!, ymd[1]!, ymd[2]!] : []
  if (!y || !m || !d) return null
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null
}

/** A typed time on the 24-hour clock (`8:30`, `08.30`, `17:30`) as `08:30`; null: no such time. */
export function parseTimeText(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim())
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null
  return `${match[1]!.padStart(2, '0')}:${match[2]}`
}

/** A group of fields with its save button: `read` gives the change to save, or what is wrong with the fields. */
type Group = (
  key: string,
  heading: string,
  hint: string,
  fields: HTMLElement[],
  read: () => Partial<MspSettings> | string,
) => HTMLElement

export function renderSettings(
  el: HTMLElement,
  options: { lang: Lang; say: Say; notify: (text: string, level?: 'ok' | 'error') => void; onChanged: () => void },
): void {
  const { lang, say } = options
  el.replaceChildren(h('p', { text: say('loading') }))
  void api<SettingsView>('/api/settings').then(draw, (error) =>
    el.replaceChildren(h('p.field-error', { text: String(error instanceof Error ? error.message : error) })),
  )

  function draw(view: SettingsView): void {
    const s = view.settings
    const personName = (id: number) => view.people.find((p) => p.id === id)?.name ?? `#${id}`
    const personSelect = (name: string, label: string) =>
      h(
        'select',
        { name, 'aria-label': label },
        ...view.people.filter((p) => p.active).map((p) => h('option', { value: p.id, text: p.name })),
      )

    /** A group of fields with its save button and the line that says what is wrong. */
    function group(
      key: string,
      heading: string,
      hint: string,
      fields: HTMLElement[],
      read: () => Partial<MspSettings> | string,
    ): HTMLElement {
      const message = h('p.field-error', { role: 'alert' })
      const save = h('button', { type: 'button', text: say('save'), name: `save-${key}` })
      save.addEventListener('click', async () => {
        const change = read()
        if (typeof change === 'string') {
          message.textContent = change
          return
        }
        message.textContent = ''
        try {
          const next = await api<SettingsView>('/api/settings', { method: 'PUT', json: change })
          options.notify(say('settingsSaved'))
          options.onChanged()
          draw(next)
        } catch (error) {
          message.textContent = say('notSaved', { reason: error instanceof ApiError ? error.message : String(error) })
        }
      })
      return h(
        'fieldset.settings-group',
        { 'data-group': key },
        h('legend', { text: heading }),
        h('p.hint', { text: hint }),
        ...fields,
        h('div.settings-actions', null, save),
        message,
      )
    }

    const numberBox = (name: string, label: string, value: number | null, placeholder: string) =>
      h('input', {
        name,
        type: 'text',
        inputmode: 'decimal',
        autocomplete: 'off',
        'aria-label': label,
        value: value === null ? '' : fieldNumber(value, lang),
        placeholder,
      })
    /** A typed number in [min, max], null when empty, or what is wrong. */
    const readNumber = (box: HTMLInputElement, label: string, min: number, max: number): number | null | string => {
      const n = parseFieldNumber(box.value, lang)
      if (n === null) return null
      if (Number.isNaN(n) || n < min || n > max)
        return say('settingRange', { label, min: fieldNumber(min, lang), max: fieldNumber(max, lang) })
      return n
    }

    // Money: the standard rate and the rates per contract type.
    const rate = numberBox('standardRate', say('standardRate'), s.standardRate, fieldNumber(95, lang))
    const currency = h(
      'select',
      { name: 'currency', 'aria-label': say('currency') },
      ...CURRENCIES.map((c) => h('option', { value: c, text: c })),
    )
    currency.value = s.currency
    const typeRates = h('textarea', {
      name: 'contractTypeRates',
      rows: 2,
      'aria-label': say('contractTypeRates'),
      placeholder: '1 = 110',
      text: s.contractTypeRates.map((r) => `${r.contractType} = ${fieldNumber(r.rate, lang)}`).join('\n'),
    })
    const money = group(
      'money',
      say('settingsMoney'),
      say('settingsMoneyHint'),
      [
        h('label', null, `${say('standardRate')} (€) `, rate),
        h('label', null, `${say('currency')} `, currency),
        h('label.wide', null, `${say('contractTypeRates')} `, typeRates),
      ],
      () => {
        const standardRate = readNumber(rate, say('standardRate'), 1, 1000)
        if (typeof standardRate === 'string') return standardRate
        const contractTypeRates: MspSettings['contractTypeRates'] = []
        for (const line of typeRates.value
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)) {
          const match = /^(\d{1,4})\s*[=:]\s*(.+)$/.exec(line)
          const value = match ? parseFieldNumber(match[2]!, lang) : Number.NaN
          if (!match || value === null || Number.isNaN(value) || value < 1 || value > 1000)
            return say('contractTypeRateBad', { line })
          contractTypeRates.push({ contractType: Number(match[1]), rate: value })
        }
        return { standardRate, currency: currency.value as MspSettings['currency'], contractTypeRates }
      },
    )

    // Hours: the week, the working day, people with other hours.
    const weekly = numberBox('weeklyHours', say('weeklyHours'), s.weeklyHours, fieldNumber(40, lang))
    const dayBoxes = DAYS.map((d) => {
      const box = h('input', { type: 'checkbox', name: `day-${d}`, 'aria-label': say(`day${d}` as never) })
      box.checked = (s.businessHours?.days ?? [1, 2, 3, 4, 5]).includes(d)
      return h('label.day', null, box, say(`day${d}` as never))
    })
    // Text, not type=time: that follows the browser's locale ("08:30 AM"); the 24-hour clock here.
    const timeBox = (name: string, label: string, value: string) =>
      h('input.time', {
        type: 'text',
        name,
        inputmode: 'numeric',
        autocomplete: 'off',
        maxlength: 5,
        value,
        placeholder: say('timePlaceholder'),
        'aria-label': `${label} (${say('timePlaceholder')})`,
      })
    const start = timeBox('start', say('opensAt'), s.businessHours?.start ?? '08:30')
    const end = timeBox('end', say('closesAt'), s.businessHours?.end ?? '17:30')
    const own = h('input', { type: 'checkbox', name: 'ownHours' })
    own.checked = s.businessHours !== null
    // Unticked, the server's working hours count: the days and times are not edited then.
    const followOwn = () => {
      for (const box of [...dayBoxes.map((d) => d.querySelector('input')!), start, end]) box.disabled = !own.checked
    }
    own.addEventListener('change', followOwn)
    followOwn()
    const people = h('ul.settings-list')
    let personHours = [...s.personHours]
    const drawPeople = () =>
      people.replaceChildren(
        ...personHours.map((p, i) => {
          const remove = h('button.secondary', {
            type: 'button',
            text: say('remove'),
            'aria-label': say('removeTitle', { title: personName(p.resourceId) }),
          })
          remove.addEventListener('click', () => {
            personHours = personHours.filter((_, j) => j !== i)
            drawPeople()
          })
          return h(
            'li',
            null,
            `${personName(p.resourceId)}: ${fieldNumber(p.weeklyHours, lang)} ${say('hoursPerWeek')} `,
            remove,
          )
        }),
      )
    drawPeople()
    const who = personSelect('person', say('person'))
    const theirHours = numberBox('personWeeklyHours', say('weeklyHours'), null, fieldNumber(32, lang))
    const addPerson = h('button.secondary', { type: 'button', text: say('addPerson') })
    const hoursGroup = group(
      'hours',
      say('settingsHours'),
      say('settingsHoursHint'),
      [
        h('label', null, `${say('weeklyHours')} `, weekly),
        h('label', null, own, ` ${say('ownBusinessHours')}`),
        h('div.days', null, ...dayBoxes),
        h('label', null, `${say('opensAt')} `, start),
        h('label', null, `${say('closesAt')} `, end),
        h('span.hint.inline', { text: say('timeFormatHint') }),
        h('p.hint', { text: say('personHoursHint') }),
        people,
        h('div.add-row', null, who, theirHours, addPerson),
      ],
      () => {
        const weeklyHours = readNumber(weekly, say('weeklyHours'), 1, 80)
        if (typeof weeklyHours === 'string') return weeklyHours
        const days = DAYS.filter((_, i) => dayBoxes[i]!.querySelector('input')!.checked)
        if (own.checked && days.length === 0) return say('noWorkingDays')
        const opens = parseTimeText(start.value)
        const closes = parseTimeText(end.value)
        if (own.checked && (!opens || !closes)) return say('notATime', { text: (opens ? end : start).value })
        if (own.checked && closes! <= opens!) return say('closesBeforeOpens')
        return { weeklyHours, personHours, businessHours: own.checked ? { days, start: opens!, end: closes! } : null }
      },
    )
    addPerson.addEventListener('click', () => {
      const hours = readNumber(theirHours, say('weeklyHours'), 1, 80)
      const message = hoursGroup.querySelector('.field-error')!
      if (typeof hours === 'string' || hours === null) {
        message.textContent =
          typeof hours === 'string' ? hours : say('settingRange', { label: say('weeklyHours'), min: '1', max: '80' })
        return
      }
      message.textContent = ''
      personHours = [
        ...personHours.filter((p) => p.resourceId !== Number(who.value)),
        { resourceId: Number(who.value), weeklyHours: hours },
      ]
      theirHours.value = ''
      drawPeople()
    })

    // Days off: public holidays, extra dates, leave per person.
    const country = h(
      'select',
      { name: 'country', 'aria-label': say('holidayCountry') },
      ...HOLIDAY_COUNTRIES.map((c) => h('option', { value: c, text: say(COUNTRY_LABEL[c]) })),
    )
    country.value = s.holidays.country
    const extra = h('textarea', {
      name: 'extraDays',
      rows: 2,
      'aria-label': say('extraDays'),
      placeholder: dateText('2026-12-24', lang),
      text: s.holidays.extra.map((d) => dateText(d, lang)).join('\n'),
    })
    const list = h('p.hint.holiday-list', {
      text: view.holidays.map((d) => `${dateText(d.date, lang)} ${d.name[lang]}`).join(' · '),
    })
    let leave = [...s.leave]
    const leaveList = h('ul.settings-list')
    const drawLeave = () =>
      leaveList.replaceChildren(
        ...leave.map((l, i) => {
          const remove = h('button.secondary', {
            type: 'button',
            text: say('remove'),
            'aria-label': say('removeTitle', { title: `${personName(l.resourceId)} ${l.from}` }),
          })
          remove.addEventListener('click', () => {
            leave = leave.filter((_, j) => j !== i)
            drawLeave()
          })
          return h(
            'li',
            null,
            `${personName(l.resourceId)}: ${dateText(l.from, lang)} – ${dateText(l.to, lang)} `,
            remove,
          )
        }),
      )
    drawLeave()
    const leaveWho = personSelect('leavePerson', say('person'))
    // Text, not type=date (that follows the browser's locale: mm/dd/yyyy): day first, as written here.
    const dateBox = (name: string, label: string) =>
      h('input.date', {
        type: 'text',
        name,
        autocomplete: 'off',
        maxlength: 10,
        placeholder: say('datePlaceholder'),
        'aria-label': `${label} (${say('datePlaceholder')})`,
      })
    const from = dateBox('leaveFrom', say('leaveFrom'))
    const to = dateBox('leaveTo', say('leaveTo'))
    const addLeave = h('button.secondary', { type: 'button', text: say('addLeave') })
    const daysOff = group(
      'days-off',
      say('settingsDaysOff'),
      say('settingsDaysOffHint'),
      [
        h('label', null, `${say('holidayCountry')} `, country),
        list,
        h('label.wide', null, `${say('extraDays')} `, extra),
        h('p.hint', { text: say('leaveHint') }),
        leaveList,
        h('div.add-row', null, leaveWho, from, to, addLeave),
      ],
      () => {
        const typed = extra.value.split(/[\s,;]+/).filter(Boolean)
        const bad = typed.find((d) => parseDateText(d) === null)
        if (bad) return say('notADate', { text: bad })
        return {
          holidays: {
            country: country.value as MspSettings['holidays']['country'],
            extra: typed.map((d) => parseDateText(d)!),
          },
          leave,
        }
      },
    )
    addLeave.addEventListener('click', () => {
      const message = daysOff.querySelector('.field-error')!
      const first = parseDateText(from.value)
      const last = to.value.trim() ? parseDateText(to.value) : first
      if (!first || !last || last < first) {
        message.textContent = say('leaveBad')
        return
      }
      message.textContent = ''
      leave = [...leave, { resourceId: Number(leaveWho.value), from: first, to: last }]
      from.value = ''
      to.value = ''
      drawLeave()
    })

    // Screens.
    const language = h(
      'select',
      { name: 'screenLanguage', 'aria-label': say('screenLanguage') },
      h('option', { value: 'en', text: 'English' }),
      h('option', { value: 'nl', text: 'Nederlands' }),
    )
    language.value = s.language
    const screens = group(
      'screens',
      say('settingsScreens'),
      say('settingsScreensHint'),
      [h('label', null, `${say('screenLanguage')} `, language)],
      () => ({ language: language.value as Lang }),
    )

    el.replaceChildren(
      h('h2', { text: say('settingsTitle') }),
      h('p.hint', { text: say('settingsIntro') }),
      money,
      hoursGroup,
      daysOff,
      screens,
      meaningsGroup(view, group),
      brandGroup(s, group),
    )
  }

  /**
   * What the PSA's status and source names mean (db/psa-model.ts): a pattern per meaning, and the tenant's own names
   * read through the patterns as typed, so the owner sees what a change will do before saving it.
   */
  function meaningsGroup(view: SettingsView, group: Group): HTMLElement {
    const current = view.settings.ticketMeanings
    const fields: Array<[keyof TicketMeanings, AdminKey]> = [
      ['waitingCustomer', 'meaningWaitingCustomer'],
      ['onHold', 'meaningOnHold'],
      ['resolved', 'meaningResolved'],
      // A PSA that types its alerts (Autotask's ticket type Alert) reads no source: no pattern to set.
      ...(view.alertsBySource ? [['alertSources', 'meaningAlertSources'] as [keyof TicketMeanings, AdminKey]] : []),
    ]
    const boxes = new Map(
      fields.map(([name, label]) => [
        name,
        h('input.pattern', { type: 'text', name, 'aria-label': say(label), value: current[name], spellcheck: 'false' }),
      ]),
    )
    const typed = (): TicketMeanings => ({
      ...current,
      ...Object.fromEntries(fields.map(([name]) => [name, boxes.get(name)!.value.trim()])),
    })
    const STATE_WORD: Record<TicketState, AdminKey> = {
      open: 'meaningOpen',
      waiting_customer: 'meaningWaitingCustomer',
      on_hold: 'meaningOnHold',
      resolved: 'meaningResolved',
      complete: 'meaningClosed',
    }
    const statuses = h('ul.meanings', { 'data-list': 'statuses' })
    const sources = h('ul.meanings', { 'data-list': 'sources' })
    const preview = () => {
      const compiled = compileMeanings(typed())
      statuses.replaceChildren(
        ...view.ticketStatuses.map(({ name, closes }) =>
          h(
            'li',
            null,
            h('span.psa-name', { text: name }),
            ` → ${say(closes ? 'meaningClosed' : STATE_WORD[ticketState(false, name, compiled)])}`,
          ),
        ),
      )
      sources.replaceChildren(
        ...view.ticketSources.map((name) =>
          h(
            'li',
            null,
            h('span.psa-name', { text: name }),
            ` → ${say(compiled.alertSources.test(name) ? 'meaningAlert' : 'meaningNotAlert')}`,
          ),
        ),
      )
    }
    for (const box of boxes.values()) box.addEventListener('input', preview)
    preview()
    return group(
      'meanings',
      say('settingsMeanings'),
      say('settingsMeaningsHint'),
      [
        ...fields.map(([name, label]) => h('label', null, `${say(label)} `, boxes.get(name)!)),
        ...(view.ticketStatuses.length > 0 ? [h('p.hint', { text: say('meaningStatuses') }), statuses] : []),
        ...(!view.alertsBySource
          ? [h('p.hint', { text: say('meaningAlertsByType') })]
          : view.ticketSources.length > 0
            ? [h('p.hint', { text: say('meaningSources') }), sources]
            : []),
      ],
      () => {
        const meanings = typed()
        for (const [name, label] of fields) {
          try {
            new RegExp(meanings[name], 'i')
          } catch (error) {
            const reason = (error as Error).message.replace(/^Invalid regular expression: /, '')
            return say('meaningBadPattern', { label: say(label), pattern: meanings[name], reason })
          }
        }
        return { ticketMeanings: meanings }
      },
    )
  }

  /** The MSP's colour and logo on client reports: the logo is read here as a data URL, checked again by the server. */
  function brandGroup(s: MspSettings, group: Group): HTMLElement {
    const maxKb = String(BRAND_LOGO_MAX_BYTES / 1024)
    const color = h('input', {
      type: 'color',
      name: 'brandColor',
      'aria-label': say('brandColor'),
      value: s.brandColor,
    })
    let logo = s.brandLogo
    let problem: string | null = null
    const preview = h('span.brand-logo')
    const drawLogo = () =>
      preview.replaceChildren(
        logo ? h('img', { src: logo, alt: say('brandLogo') }) : h('span.hint', { text: say('brandNoLogo') }),
      )
    drawLogo()
    const {
      input: file,
      element: fileField,
      clear,
    } = fileInput(say, {
      name: 'brandLogo',
      accept: 'image/png,image/svg+xml',
      label: say('brandLogo'),
    })
    file.addEventListener('change', () => {
      const picked = file.files?.[0]
      if (!picked) return
      problem = !['image/png', 'image/svg+xml'].includes(picked.type)
        ? say('brandLogoType')
        : picked.size > BRAND_LOGO_MAX_BYTES
          ? say('brandLogoSize', { size: String(Math.ceil(picked.size / 1024)), max: maxKb })
          : null
      if (problem) return
      const reader = new FileReader()
      reader.addEventListener('load', () => {
        logo = String(reader.result)
        drawLogo()
      })
      reader.readAsDataURL(picked)
    })
    const remove = h('button.secondary', { type: 'button', text: say('brandRemoveLogo') })
    remove.addEventListener('click', () => {
      logo = null
      problem = null
      clear()
      drawLogo()
    })
    return group(
      'brand',
      say('settingsBrand'),
      say('settingsBrandHint', { max: maxKb }),
      [
        h('label', null, `${say('brandColor')} `, color),
        h('span', null, `${say('brandLogo')} `, fileField),
        preview,
        remove,
      ],
      () => problem ?? { brandColor: color.value, brandLogo: logo },
    )
  }
}
