import type { ApiRecord } from '../store.js'
import { addBusinessDays, iso, isBusinessDay, isoDate, localToUtc } from './clock.js'
import type { BusinessContext, BusinessPart, Planner } from './business.js'
import { atHours } from './business.js'
import { ODDS } from './odds.js'
import { CI_TYPE } from './picklists.js'
import { Rng, mix } from './random.js'
import { NO_UDFS } from './roster.js'
import type { CompanyInfo } from './types.js'

// Configuration items: each client's fleet as its "Endpoints" count says (laptops and desktops,
// servers, network gear, printers), installed over the last years, with a few retired ones kept
// inactive. As the clock moves, laptops are replaced (the new one registered, the old one made
// inactive a few days later), the odd one is added, and now and then a duplicate is deleted.

type CiType = (typeof CI_TYPE)[keyof typeof CI_TYPE]

const PRODUCTS: Readonly<Record<CiType, readonly number[]>> = {
  [CI_TYPE.workstation]: [29690101, 29690102, 29690103],
  [CI_TYPE.server]: [29690201, 29690202],
  [CI_TYPE.network]: [29690301, 29690302, 29690303],
  [CI_TYPE.printer]: [29690401, 29690402],
  [CI_TYPE.mobile]: [29690501],
}
const WARRANTY_YEARS: Readonly<Record<CiType, number>> = { 1: 3, 2: 5, 3: 5, 4: 3, 5: 2 }

interface Fleet {
  company: CompanyInfo
  prefix: string
  /** The first day every planned item has appeared; replacements start after it. */
  settledDay: number
  workstations: ApiRecord[]
  others: ApiRecord[]
  serial: number
}

export function planAssets(ctx: BusinessContext): BusinessPart {
  const fleets: Fleet[] = []

  const item = (
    rng: Rng,
    fleet: Fleet,
    type: CiType,
    name: string,
    createdAt: number,
    installDay: number,
  ): ApiRecord => {
    const contacts = fleet.company.contacts
    return {
      id: 0,
      companyID: fleet.company.id,
      configurationItemCategoryID: null,
      configurationItemType: type,
      contactID: type === CI_TYPE.workstation && contacts.length > 0 ? rng.pick(contacts).id : null,
      createDate: iso(createdAt),
      installDate: isoDate(installDay),
      isActive: true,
      lastModifiedTime: iso(createdAt),
      productID: rng.pick(PRODUCTS[type]),
      referenceTitle: name,
      serialNumber: `${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}${rng.digits(6)}`,
      warrantyExpirationDate: isoDate(installDay + WARRANTY_YEARS[type] * 365),
      userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
    }
  }
  const laptopName = (fleet: Fleet) => `${fleet.prefix}-LT${String(++fleet.serial).padStart(3, '0')}`

  return {
    init(plan) {
      const rng = new Rng(mix(ctx.seed, 0xa55e7))
      for (const company of ctx.roster.companies) {
        const endpoints = Number(company.rec.userDefinedFields.find((u) => u.name === 'Endpoints')?.value ?? 0)
        if (!company.customer || !(endpoints > 0)) continue
        const prefix = String(company.rec.companyName)
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 3)
          .toUpperCase()
        const fleet: Fleet = { company, prefix, settledDay: 0, workstations: [], others: [], serial: 0 }
        fleets.push(fleet)
        const servers = company.servers.slice(0, Math.max(1, Math.round(endpoints * 0.1)))
        const network = [
          'FW01',
          ...Array.from({ length: Math.ceil(endpoints / 40) }, (_, i) => `SW0${i + 1}`),
          ...Array.from({ length: Math.ceil(endpoints / 30) }, (_, i) => `AP0${i + 1}`),
        ]
        const printers = Math.max(1, Math.round(endpoints / 20))
        const laptops = Math.max(1, endpoints - servers.length - network.length - printers)
        const planned: Array<[CiType, string]> = [
          ...servers.map((name): [CiType, string] => [CI_TYPE.server, name]),
          ...network.map((name): [CiType, string] => [CI_TYPE.network, `${prefix}-${name}`]),
          ...Array.from({ length: printers }, (_, i): [CiType, string] => [CI_TYPE.printer, `${prefix}-PRN0${i + 1}`]),
          ...Array.from({ length: laptops }, (): [CiType, string] => [CI_TYPE.workstation, '']),
        ]
        for (const [type, name] of planned) {
          // Today's fleet went in over the last four years, or in the first weeks of a newer client.
          const day = Math.max(company.createdDay + rng.int(1, 15), ctx.startDay - rng.int(20, 1400))
          fleet.settledDay = Math.max(fleet.settledDay, day + 1)
          const record = item(
            rng,
            fleet,
            type,
            type === CI_TYPE.workstation ? laptopName(fleet) : name,
            atHours(rng, day, 8.5, 17.5),
            day - rng.int(0, 10),
          )
          plan.create('ConfigurationItems', Date.parse(String(record.createDate)), record)
          ;(type === CI_TYPE.workstation ? fleet.workstations : fleet.others).push(record)
        }
        // Laptops retired before the history stay on record, inactive.
        for (let i = Math.round(laptops * 0.1); i > 0 && company.createdDay < ctx.startDay - 1500; i--) {
          const day = ctx.startDay - rng.int(1500, 2000)
          const createdAt = atHours(rng, day, 8.5, 17.5)
          const record = item(rng, fleet, CI_TYPE.workstation, laptopName(fleet), createdAt, day)
          plan.create('ConfigurationItems', createdAt, record)
          const retired = atHours(rng, day + rng.int(1100, 1400), 8.5, 17.5)
          plan.edit('ConfigurationItems', retired, record, { isActive: false, lastModifiedTime: iso(retired) })
        }
      }
    },

    day(plan, day) {
      if (day < ctx.startDay || !isBusinessDay(day)) return
      const rng = new Rng(mix(ctx.seed, day, 0xa55e7))
      const factor = ctx.size.rareFactor
      for (const fleet of fleets) {
        if (day < fleet.settledDay) continue
        const replaced = rng.count(fleet.workstations.length * ODDS.workstationReplacedPerDay)
        for (let n = replaced; n > 0; n--) replace(plan, rng, fleet, day)
      }
      // Now and then an RMM agent registers a device twice and somebody deletes the duplicate.
      const settled = fleets.filter((fleet) => day >= fleet.settledDay && fleet.workstations.length > 1)
      if (settled.length > 0 && rng.chance(ODDS.duplicateDeviceDeleted * factor)) {
        const fleet = rng.pick(settled)
        const today = localToUtc(day, 0)
        const older = fleet.workstations.filter((laptop) => Date.parse(String(laptop.createDate)) < today)
        const gone = older.length > 0 ? rng.pick(older) : null
        if (gone) {
          fleet.workstations.splice(fleet.workstations.indexOf(gone), 1)
          plan.remove('ConfigurationItems', atHours(rng, day, 9, 17), gone)
        }
      }
    },
  }

  /** A new laptop is registered; the one it replaces goes inactive a few days later (sometimes it was extra). */
  function replace(plan: Planner, rng: Rng, fleet: Fleet, day: number): void {
    const createdAt = atHours(rng, day, 8.5, 17.5)
    const laptop = item(rng, fleet, CI_TYPE.workstation, laptopName(fleet), createdAt, day)
    plan.create('ConfigurationItems', createdAt, laptop)
    if (rng.chance(ODDS.replacedWorkstationRetired)) {
      const [old] = fleet.workstations.splice(rng.int(0, fleet.workstations.length - 1), 1)
      const retired = atHours(rng, addBusinessDays(day, rng.int(1, 5)), 8.5, 17.5)
      plan.edit('ConfigurationItems', retired, old!, { isActive: false, lastModifiedTime: iso(retired) })
    }
    fleet.workstations.push(laptop)
  }
}
