import { describe, expect, test } from 'vitest'
import { fieldNumber, parseFieldNumber } from '../src/admin/band-fields.ts'
import { changeText } from '../src/admin/plan-view.ts'
import { texts } from '../src/admin/say.ts'
import type { PackagePlan, PlanChange } from '../src/types.ts'

describe('numbers in the target and amber fields', () => {
  test('typed the way the page reads them, a decimal comma or point either way', () => {
    expect(parseFieldNumber('47,5', 'nl')).toBe(47.5)
    expect(parseFieldNumber('47.5', 'nl')).toBe(47.5)
    expect(parseFieldNumber('1.000', 'nl')).toBe(1000)
    expect(parseFieldNumber('1.000,5', 'nl')).toBe(1000.5)
    expect(parseFieldNumber(' 0,9 ', 'en')).toBe(0.9)
    expect(parseFieldNumber('1,000', 'en')).toBe(1000)
    expect(parseFieldNumber('-2', 'en')).toBe(-2)
    expect(parseFieldNumber('', 'nl')).toBeNull()
    expect(parseFieldNumber('veel', 'nl')).toBeNaN()
    expect(parseFieldNumber('1,2,3', 'nl')).toBeNaN()
  })
  test("shown in the page's form, without grouping", () => {
    expect(fieldNumber(47.5, 'nl')).toBe('47,5')
    expect(fieldNumber(47.5, 'en')).toBe('47.5')
    expect(fieldNumber(1500, 'nl')).toBe('1500')
  })
})

describe("a package plan in Dutch, from the changes' fields", () => {
  const say = texts('nl')
  const role: PackagePlan['sections'][number] = { scope: 'role', role: 'noc', title: 'NOC', changes: [] }
  const strip: PackagePlan['sections'][number] = { scope: 'strip', changes: [] }
  const item = { kpi: 'tickets_open', params: {}, target: 30.5, warn: null, size: 'l' as const }
  const line = (change: Omit<PlanChange, 'text'>, section = role) =>
    changeText({ text: 'the English line', ...change }, section, say)

  test('every kind of change says what it does', () => {
    expect(line({ kind: 'create', name: { en: 'NOC', nl: 'NOC-team' }, theirs: 'NOC wall', count: 1 })).toBe(
      'maakt de eigen rol noc (NOC-team) met zijn dashboard "NOC wall" en 1 tegel',
    )
    expect(line({ kind: 'create', theirs: 'NOC wall', count: 4 })).toBe('maakt het dashboard "NOC wall" met 4 tegels')
    expect(line({ kind: 'replace', had: 3, count: 5 }, strip)).toBe(
      'vervangt de 3 bedrijfsdoelen daar door de 5 van het pakket',
    )
    expect(line({ kind: 'add', kpis: ['dso', 'mrr_total'] })).toBe("nieuwe KPI's: dso, mrr_total")
    expect(line({ kind: 'remove', kpis: ['dso'] })).toBe("vervallen KPI's: dso")
    expect(line({ kind: 'add', field: 'role' })).toBe('de rol is nieuw in deze versie van het pakket')
    expect(line({ kind: 'add', key: 'open', kpi: 'tickets_open', item })).toBe(
      'voegt tegel open toe (tickets_open, doel 30,5/standaard, grootte groot)',
    )
    expect(
      line({ kind: 'change', key: 'open', field: 'kpi', mine: 'kill_rate', theirs: 'kill_rate {"days":14}' }),
    ).toBe('wijzigt KPI van tegel open: kill_rate → kill_rate {"days":14}')
    expect(line({ kind: 'keep', key: 'open', field: 'target', mine: '35.5/55', theirs: 'default' })).toBe(
      'houdt je doel van tegel open: 35,5/55 (pakket: standaard)',
    )
    expect(line({ kind: 'keep', field: 'order' })).toBe('houdt je eigen volgorde')
    expect(line({ kind: 'keep', key: 'open', kpi: 'tickets_open', item })).toBe(
      'laat tegel open (tickets_open) weg, zoals jij hem verwijderde',
    )
    expect(line({ kind: 'keep', kpi: 'dso', item: { ...item, kpi: 'dso' } })).toBe('houdt je eigen tegel dso')
    expect(line({ kind: 'order' }, strip)).toBe('neemt de nieuwe volgorde van het pakket over')
    expect(line({ kind: 'title', field: 'title', mine: 'Oud', theirs: 'Nieuw' })).toBe('hernoemt "Oud" naar "Nieuw"')
    expect(line({ kind: 'detach' })).toBe(
      'het pakket heeft deze rol niet meer: het dashboard blijft zoals het is en volgt het pakket niet meer',
    )
    expect(line({ kind: 'detach' }, strip)).toBe(
      'het pakket bepaalt de bedrijfsbalk niet meer: de balk blijft zoals hij is',
    )
    expect(line({ kind: 'conflict', key: 'open', field: 'size', mine: 'm', theirs: 's' })).toBe(
      'Conflict over grootte van tegel open: jij middel, pakket klein',
    )
    expect(line({ kind: 'conflict', key: 'open', field: 'removed', item })).toBe(
      'Conflict over tegel open: jij hebt hem gewijzigd (tickets_open, doel 30,5/standaard, grootte groot), het pakket heeft hem verwijderd',
    )
    expect(
      line({
        kind: 'conflict',
        key: 'open',
        field: 'tile',
        items: { mine: item, theirs: { ...item, kpi: 'dso', target: null } },
      }),
    ).toMatch(/passen niet bij elkaar: jij tickets_open, .*, pakket dso, doel standaard, grootte groot$/)
    expect(line({ kind: 'conflict', field: 'order' })).toBe(
      'Conflict over de volgorde: jij en het pakket hebben allebei verplaatst',
    )
  })

  test("a change without the fields (an older server) keeps the server's line", () => {
    expect(line({ kind: 'create' })).toBe('the English line')
  })
})
