import type { ApiRecord, SimEntity, UserDefinedField } from '../store.js'
import { HOUR, isoDate, iso, localDay, localToUtc, quantize } from './clock.js'
import {
  BRAND_WORDS,
  CITIES,
  COMPANY_PATTERNS,
  CONTACT_TITLES,
  FIRST_NAMES,
  LAST_NAMES,
  SERVER_NAMES,
  STREETS,
} from './names.js'
import type { City } from './names.js'
import { ODDS } from './odds.js'
import { COMPANY_TYPE, CONTRACT_TYPE, COUNTRY_NL, ROLE, SLA } from './picklists.js'
import { Rng, mix } from './random.js'
import type { SizeProfile } from './sizes.js'
import type { Edit } from './events.js'
import type { CompanyInfo, ContactInfo, ContractInfo, Staff, StaffRole } from './types.js'

export const NO_UDFS: readonly UserDefinedField[] = Object.freeze([])

/** Something in the static world that appears or changes on a given local day. */
export interface StaticChange {
  t: number
  record: ApiRecord
  entity: SimEntity
  edit: Edit | null // null: the record appears
}

export interface Roster {
  staff: Staff[]
  /** The MSP itself (company 0), where spam tickets land. */
  msp: CompanyInfo
  companies: CompanyInfo[]
  /** Records visible before the first simulated day, per entity, in id order. */
  initial: Partial<Record<SimEntity, ApiRecord[]>>
  changes: Map<number, StaticChange[]>
}

export function landline(rng: Rng, city: City): string {
  return city.area.length === 2
    ? `+31 ${city.area} ${rng.digits(3)} ${rng.digits(4)}`
    : `+31 ${city.area} ${rng.digits(3)} ${rng.digits(3)}`
}

export function mobile(rng: Rng): string {
  return rng.chance(ODDS.mobileWrittenLocally)
    ? `06-${rng.int(1, 6)}${rng.digits(7)}`
    : `+31 6 ${rng.digits(4)} ${rng.digits(4)}`
}

/** A house number's addition (12a, 12-1), now and then. */
function addition(rng: Rng): string {
  return rng.chance(ODDS.addressHasAddition) ? rng.pick(['a', 'b', '-1']) : ''
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '')
}

function at(rng: Rng, day: number, fromHour: number, toHour: number): number {
  return quantize(localToUtc(day, rng.range(fromHour, toHour) * HOUR))
}

const udfs = (pairs: readonly (readonly [string, string | null])[]): UserDefinedField[] =>
  pairs.map(([name, value]) => ({ name, value }))

const STAFF_TITLES: Record<StaffRole, string> = {
  l1: 'Servicedesk Engineer',
  l2: 'Systeembeheerder',
  lead: 'Teamleider Servicedesk',
  manager: 'Service Manager',
  owner: 'Directeur / Eigenaar',
  am: 'Accountmanager',
  finance: 'Financieel administrateur',
  consultant: 'Projectconsultant',
}
const STAFF_ROLE_ID: Record<StaffRole, number> = {
  l1: ROLE.l1,
  l2: ROLE.l2,
  lead: ROLE.lead,
  manager: ROLE.serviceManager,
  owner: ROLE.consultant,
  am: ROLE.consultant,
  finance: ROLE.consultant,
  consultant: ROLE.consultant,
}
const STAFF_COST: Record<StaffRole, readonly [number, number]> = {
  l1: [31, 38],
  l2: [42, 55],
  lead: [55, 62],
  manager: [60, 68],
  owner: [85, 95],
  am: [48, 56],
  finance: [38, 44],
  consultant: [58, 66],
}

function makeStaff(rng: Rng, size: SizeProfile, startDay: number, anchorDay: number): Staff[] {
  const roles: StaffRole[] = ['owner', 'manager', 'finance']
  for (let i = 0; i < Math.max(1, Math.round(size.engineers / 12)); i++) roles.push('lead')
  for (let i = 0; i < Math.max(1, Math.round(size.engineers / 25)); i++) roles.push('am')
  for (let i = 0; i < size.engineers; i++) roles.push(i % 5 < 3 ? 'l1' : 'l2')
  const historyScale = Math.sqrt(size.historyDays / 365)
  const leavers = Math.max(2, Math.round(size.engineers * ODDS.engineersLeavingPerYear * historyScale))
  for (let i = 0; i < leavers; i++) roles.push(i % 2 === 0 ? 'l1' : 'l2')
  const used = new Set<string>()
  return roles.map((role, i) => {
    const [first, last] = uniqueName(rng, used)
    const leaving = i >= roles.length - leavers
    const engineer = role === 'l1' || role === 'l2'
    const hiredLate = engineer && !leaving && size.historyDays >= 365 && rng.chance(ODDS.engineerHiredDuringHistory)
    const hireDay = hiredLate ? rng.int(startDay, anchorDay - 30) : startDay - rng.int(60, 3000)
    const leftDay = leaving
      ? size.historyDays >= 180
        ? rng.int(startDay + 60, anchorDay - 5)
        : startDay - rng.int(10, 200)
      : null
    return person(rng, role, i, first, last, hireDay, leftDay)
  })
}

/** One member of staff and their Resources record (index `i` numbers their id and extension). */
function person(
  rng: Rng,
  role: StaffRole,
  i: number,
  first: string,
  last: string,
  hireDay: number,
  leftDay: number | null,
): Staff {
  const id = 29682885 + i
  const userName = `${first[0]}${slug(last)}`.toLowerCase().slice(0, 20)
  const [minCost, maxCost] = STAFF_COST[role]
  const rec: ApiRecord = {
    id,
    defaultServiceDeskRoleID: STAFF_ROLE_ID[role],
    email: `${slug(first)}.${slug(last)}@roleboard-demo.nl`,
    firstName: first,
    hireDate: isoDate(Math.min(hireDay, leftDay ?? hireDay)),
    initials: `${first[0]}${last.split(' ').pop()![0]}`.toUpperCase(),
    internalCost: Math.round(rng.range(minCost, maxCost) * 100) / 100,
    isActive: leftDay === null,
    lastName: last,
    locationID: rng.chance(ODDS.staffAtMainOffice) ? 29682760 : 29682761,
    mobilePhone: mobile(rng),
    officeExtension: String(200 + i),
    officePhone: `+31 20 760 ${String(4200 + i)}`,
    resourceType: 'Employee',
    surveyResourceRating: null,
    title: STAFF_TITLES[role],
    userName,
    userDefinedFields: NO_UDFS as UserDefinedField[],
  }
  return { id, role, roleID: STAFF_ROLE_ID[role], hireDay: Math.min(hireDay, leftDay ?? hireDay), leftDay, rec }
}

/**
 * Project consultants, one per ten engineers, who do the MSP's project work (world/projects.ts) and
 * no desk work. Made from a random stream of their own, after everybody else, so the rest of the
 * staff stays as it was.
 */
function projectConsultants(seed: number, size: SizeProfile, staff: Staff[], startDay: number): void {
  const rng = new Rng(mix(seed, 0xc0175))
  const taken = new Set(staff.map((s) => `${s.rec.firstName}${s.rec.lastName}`))
  for (let n = Math.max(1, Math.round(size.engineers / 10)); n > 0; n--) {
    const [first, last] = uniqueName(rng, taken)
    staff.push(person(rng, 'consultant', staff.length, first, last, startDay - rng.int(200, 2000), null))
  }
}

/** A first and last name nobody in `used` has yet (and now taken). */
function uniqueName(rng: Rng, used: Set<string>): [first: string, last: string] {
  let first: string
  let last: string
  do {
    first = rng.pick(FIRST_NAMES)
    last = rng.pick(LAST_NAMES)
  } while (used.has(first + last))
  used.add(first + last)
  return [first, last]
}

interface Draft {
  createdAt: number
  build: (id: number) => ApiRecord
  after?: (info: ApiRecord) => void
}

/** Gives ids in order of creation, so ids ascend with createDate as in Autotask. */
function assignIds<T extends Draft>(drafts: T[], firstId: number): (T & { rec: ApiRecord })[] {
  drafts.sort((a, b) => a.createdAt - b.createdAt)
  return drafts.map((d, i) => Object.assign(d, { rec: d.build(firstId + i) }))
}

export function makeRoster(seed: number, size: SizeProfile, startDay: number, anchorDay: number): Roster {
  const rng = new Rng(mix(seed, 0x5717))
  const staff = makeStaff(rng, size, startDay, anchorDay)
  const accountManagers = staff.filter((s) => s.role === 'am' || s.role === 'owner')
  const firstInstant = localToUtc(startDay, 0)
  const changes = new Map<number, StaticChange[]>()
  const initial: Partial<Record<SimEntity, ApiRecord[]>> = {}
  const addChange = (day: number, change: StaticChange) => {
    const list = changes.get(day)
    if (list) list.push(change)
    else changes.set(day, [change])
  }
  const place = (entity: SimEntity, rec: ApiRecord, t: number) => {
    if (t < firstInstant) (initial[entity] ??= []).push(rec)
    else addChange(localDay(t), { t, record: rec, entity, edit: null })
  }

  const msp: ApiRecord = {
    id: 0,
    address1: 'Stationsplein 45',
    address2: null,
    city: 'Amsterdam',
    classification: null,
    companyName: 'Roleboard Demo MSP B.V.',
    companyNumber: 'MSP-0000',
    companyType: COMPANY_TYPE.partner,
    countryID: COUNTRY_NL,
    createDate: iso(localToUtc(startDay - 4000, 10 * HOUR)),
    createdByResourceID: null,
    fax: null,
    isActive: true,
    lastActivityDate: iso(localToUtc(startDay - 40, 11 * HOUR)),
    lastTrackedModifiedDateTime: iso(localToUtc(startDay - 400, 11 * HOUR)),
    marketSegmentID: 1,
    ownerResourceID: staff[0]!.id,
    parentCompanyID: null,
    phone: '+31 20 760 4200',
    postalCode: '1012 AB',
    state: 'Noord-Holland',
    territoryID: 1,
    webAddress: 'https://www.roleboard-demo.nl',
    userDefinedFields: udfs([
      ['Seats', null],
      ['Endpoints', null],
    ]),
  }
  initial.Companies = [msp]

  const usedNames = new Set<string>()
  const companyDrafts = Array.from({ length: size.companies }, (_, i) => {
    const city = rng.pick(CITIES)
    const roll = rng.next()
    const type =
      roll < ODDS.companyIsCustomer
        ? COMPANY_TYPE.customer
        : rng.pick([
            COMPANY_TYPE.lead,
            COMPANY_TYPE.prospect,
            COMPANY_TYPE.vendor,
            COMPANY_TYPE.partner,
            COMPANY_TYPE.cancellation,
            COMPANY_TYPE.dead,
          ])
    const inWindow =
      i > 3 &&
      rng.chance(size.historyDays >= 365 ? ODDS.companyCreatedInLongHistory : ODDS.companyCreatedInShortHistory)
    const createdDay = inWindow
      ? rng.int(startDay + 1, anchorDay + (rng.chance(ODDS.companyCreatedAfterStart) ? 200 : 0))
      : startDay - rng.int(20, 3600)
    let name: string
    let sector: string
    do {
      const [pattern, patternSector] = rng.pick(COMPANY_PATTERNS)
      sector = patternSector
      name = pattern
        .replace(
          '{l}',
          rng.pick(LAST_NAMES).replace(/^./, (c) => c.toUpperCase()),
        )
        .replace(
          '{l}',
          rng.pick(LAST_NAMES).replace(/^./, (c) => c.toUpperCase()),
        )
        .replace('{c}', city.name)
        .replace('{x}', rng.pick(BRAND_WORDS))
    } while (usedNames.has(name))
    usedNames.add(name)
    const seats = type === COMPANY_TYPE.customer ? Math.round(Math.exp(rng.range(Math.log(4), Math.log(180)))) : 0
    const createdAt = at(rng, createdDay, 9, 17)
    return {
      createdAt,
      createdDay,
      type,
      seats,
      city,
      name,
      sector,
      rngSeed: rng.int(0, 2 ** 31),
      build: (id: number): ApiRecord => {
        const r = new Rng(mix(seed, id, 0xc0))
        const classification = seats > 60 ? 1 : seats > 20 ? 2 : 3
        const stamp = iso(createdAt)
        return {
          id,
          address1: `${r.pick(STREETS)} ${r.int(1, 240)}${addition(r)}`,
          address2: null,
          city: city.name,
          classification: type === COMPANY_TYPE.customer ? classification : null,
          companyName: name,
          companyNumber: `K${String(10000 + id).slice(-5)}`,
          companyType: type,
          countryID: COUNTRY_NL,
          createDate: stamp,
          createdByResourceID: r.pick(accountManagers).id,
          fax: null,
          isActive: type !== COMPANY_TYPE.dead && type !== COMPANY_TYPE.cancellation,
          lastActivityDate: stamp,
          lastTrackedModifiedDateTime: stamp,
          marketSegmentID: (sector.length % 5) + 1,
          ownerResourceID: r.pick(accountManagers).id,
          parentCompanyID: null,
          phone: landline(r, city),
          postalCode: `${city.postal}${r.int(10, 99)} ${String.fromCharCode(65 + r.int(0, 25), 65 + r.int(0, 25))}`,
          state: null,
          territoryID:
            city.area === '20' || city.area === '23' || city.area === '75' || city.area === '72'
              ? 1
              : city.area === '30' || city.area === '33'
                ? 3
                : city.area === '40' || city.area === '38' || city.area === '24'
                  ? 4
                  : 2,
          webAddress: `https://www.${slug(name.replace(/B\.V\.|&/g, ''))}.nl`,
          userDefinedFields: udfs([
            ['Seats', seats ? String(seats) : null],
            ['Endpoints', seats ? String(Math.round(seats * r.range(1.1, 1.6)) + r.int(1, 6)) : null],
          ]),
        }
      },
    }
  })
  const companies: CompanyInfo[] = assignIds(companyDrafts, 174).map((d) => {
    const r = new Rng(d.rngSeed)
    return {
      id: d.rec.id,
      createdDay: d.createdDay,
      customer: d.type === COMPANY_TYPE.customer,
      weight: d.type === COMPANY_TYPE.customer ? Math.sqrt(d.seats) + 1 : 0,
      servers: SERVER_NAMES.slice(0, 2 + r.int(0, 5)).map((s) =>
        r.chance(ODDS.serverNamedAfterCustomer) ? s.replace('SRV', d.name.slice(0, 3).toUpperCase()) : s,
      ),
      contacts: [],
      contracts: [],
      rec: d.rec,
    }
  })
  const customers = companies.filter((c) => c.customer)
  for (const c of customers) {
    if (rng.chance(ODDS.customerHasParent) && customers[0] !== c) {
      const parent = rng.pick(customers)
      if (parent.createdDay < c.createdDay) c.rec.parentCompanyID = parent.id
    }
  }
  for (const c of companies) place('Companies', c.rec, Date.parse(String(c.rec.createDate)))

  const contactDrafts: (Draft & { info: Omit<ContactInfo, 'rec' | 'id'> })[] = []
  for (const c of companies) {
    const seats = Number(c.rec.userDefinedFields[0]!.value ?? 0)
    const n = c.customer ? Math.min(25, Math.max(2, Math.round(seats / 5) + rng.int(0, 2))) : rng.int(1, 2)
    const city = CITIES.find((x) => x.name === c.rec.city) ?? CITIES[0]!
    for (let i = 0; i < n; i++) {
      const late = i > 1 && rng.chance(ODDS.contactJoinsLater)
      const createdDay = late
        ? rng.int(c.createdDay + 30, Math.max(c.createdDay + 31, anchorDay + 120))
        : c.createdDay + rng.int(0, 20)
      const leftDay = i > 0 && rng.chance(ODDS.contactLeaves) ? createdDay + rng.int(120, 1500) : null
      const first = rng.pick(FIRST_NAMES)
      const last = rng.pick(LAST_NAMES)
      const createdAt = quantize(Math.max(at(rng, createdDay, 9, 17), Date.parse(String(c.rec.createDate)) + HOUR))
      const primary = i === 0
      const domain = String(c.rec.webAddress).replace('https://www.', '')
      const info = {
        companyId: c.id,
        createdDay,
        leftDay,
        optOut: rng.chance(ODDS.contactOptsOutOfSurveys),
        english: rng.chance(ODDS.contactSpeaksEnglish),
      }
      const phoneRng = rng.int(0, 2 ** 31)
      contactDrafts.push({
        createdAt,
        info,
        build: (id) => {
          const r = new Rng(phoneRng)
          const stamp = iso(createdAt)
          return {
            id,
            addressLine: c.rec.address1,
            city: city.name,
            companyID: c.id,
            countryID: COUNTRY_NL,
            createDate: stamp,
            emailAddress: `${slug(first)}.${slug(last)}@${domain}`,
            extension: r.chance(ODDS.contactHasExtension) ? String(r.int(10, 399)) : null,
            firstName: first,
            isActive: 1,
            lastActivityDate: stamp,
            lastModifiedDate: stamp,
            lastName: last,
            mobilePhone: r.chance(ODDS.contactHasMobile) ? mobile(r) : null,
            phone: r.chance(ODDS.contactOnCompanyPhone) ? String(c.rec.phone) : landline(r, city),
            primaryContact: primary,
            surveyOptOut: info.optOut,
            title: r.pick(CONTACT_TITLES),
            zipCode: c.rec.postalCode,
            userDefinedFields: NO_UDFS as UserDefinedField[],
          }
        },
      })
    }
  }
  for (const d of assignIds(contactDrafts, 30683001)) {
    const info: ContactInfo = { ...d.info, id: d.rec.id, rec: d.rec }
    companies.find((c) => c.id === info.companyId)!.contacts.push(info)
    place('Contacts', d.rec, d.createdAt)
    if (info.leftDay !== null) {
      addChange(info.leftDay, {
        t: at(rng, info.leftDay, 9, 17),
        record: d.rec,
        entity: 'Contacts',
        edit: { entity: 'Contacts', apply: () => ({ isActive: 0 }) },
      })
    }
  }

  const contractDrafts = makeContracts(rng, customers, anchorDay)
  for (const d of assignIds(contractDrafts, 29684101)) {
    const info: ContractInfo = { ...d.info, id: d.rec.id, rec: d.rec }
    companies.find((c) => c.id === info.companyId)!.contracts.push(info)
    place('Contracts', d.rec, d.createdAt)
    if (info.endDay >= startDay) {
      addChange(info.endDay + 1, {
        t: at(rng, info.endDay + 1, 7, 8),
        record: d.rec,
        entity: 'Contracts',
        edit: { entity: 'Contracts', apply: () => ({ status: 0, isDefaultContract: false }) },
      })
    } else {
      d.rec.status = 0
      d.rec.isDefaultContract = false
    }
  }

  initial.Surveys = [
    {
      id: 1,
      description: 'Korte enquête na het sluiten van een ticket (5 sterren).',
      displayName: 'Hoe tevreden bent u over onze service?',
      name: 'Ticket afgesloten (NL)',
      userDefinedFields: NO_UDFS as UserDefinedField[],
    },
    {
      id: 2,
      description: 'Short survey sent when a ticket is completed (5 stars).',
      displayName: 'How did we do?',
      name: 'Ticket closed (EN)',
      userDefinedFields: NO_UDFS as UserDefinedField[],
    },
  ]
  projectConsultants(seed, size, staff, startDay)
  initial.Resources = staff.map((s) => s.rec)
  const mspInfo: CompanyInfo = {
    id: 0,
    createdDay: -1e9,
    customer: false,
    weight: 0,
    servers: [],
    contacts: [],
    contracts: [],
    rec: msp,
  }
  return { staff, msp: mspInfo, companies, initial, changes }
}

function makeContracts(rng: Rng, customers: CompanyInfo[], anchorDay: number) {
  const drafts: (Draft & { info: Omit<ContractInfo, 'rec' | 'id'> })[] = []
  const add = (
    c: CompanyInfo,
    type: number,
    startDay: number,
    endDay: number,
    sla: number,
    isDefault: boolean,
    name: string,
    extra: {
      category: number
      revenue: number
      hours: number | null
      monthly: number | null
      setupFee: number
    },
  ) => {
    const contact = c.contacts[0]
    drafts.push({
      createdAt: quantize(
        Math.max(at(rng, startDay - rng.int(3, 20), 9, 17), Date.parse(String(c.rec.createDate)) + 2 * HOUR),
      ),
      info: { companyId: c.id, type, startDay, endDay, sla, isDefault },
      build: (id) => ({
        id,
        companyID: c.id,
        contactID: contact?.id ?? null,
        contactName: contact ? `${contact.rec.firstName} ${contact.rec.lastName}` : null,
        contractCategory: extra.category,
        contractName: name,
        contractNumber: `C${new Date(startDay * 86_400_000).getUTCFullYear()}-${String(id).slice(-4)}`,
        contractPeriodType: type === CONTRACT_TYPE.recurring || type === CONTRACT_TYPE.retainer ? 1 : null,
        contractType: type,
        description: null,
        endDate: isoDate(endDay),
        estimatedCost: Math.round(extra.revenue * 0.55),
        estimatedHours: extra.hours ?? 0,
        estimatedRevenue: extra.revenue,
        isDefaultContract: isDefault,
        serviceLevelAgreementID: sla,
        setupFee: extra.setupFee,
        startDate: isoDate(startDay),
        status: 1,
        userDefinedFields: udfs([
          ['Monthly Value', extra.monthly === null ? null : extra.monthly.toFixed(2)],
          ['Hours Purchased', extra.hours === null ? null : String(extra.hours)],
        ]),
      }),
    })
  }
  for (const c of customers) {
    const seats = Number(c.rec.userDefinedFields[0]!.value ?? 0)
    const endpoints = Number(c.rec.userDefinedFields[1]!.value ?? 0)
    const roll = rng.next()
    const kind = ODDS.contractKindBelow
    const start = c.createdDay + rng.int(0, 14)
    if (roll < kind.managedServices) {
      const monthly = Math.round(seats * rng.range(42, 62) + endpoints * 6)
      const premium = rng.chance(ODDS.managedServicesPremium)
      add(
        c,
        CONTRACT_TYPE.recurring,
        start,
        anchorDay + rng.int(60, 1100),
        premium ? SLA.premium : SLA.standard,
        true,
        premium ? 'Managed Services Premium' : 'Managed Services Werkplek',
        {
          category: 1,
          revenue: monthly * 12,
          hours: null,
          monthly,
          setupFee: rng.pick([0, 0, 250, 500, 1500]),
        },
      )
    } else if (roll < kind.blockHours) {
      const hours = rng.pick([10, 20, 40, 80])
      for (let s = start; s <= anchorDay + 90; s += 365) {
        add(c, CONTRACT_TYPE.blockHours, s, s + 364, SLA.standard, true, `Strippenkaart ${hours} uur`, {
          category: 3,
          revenue: hours * 95,
          hours,
          monthly: null,
          setupFee: 0,
        })
      }
    } else if (roll < kind.retainer) {
      const hours = rng.pick([8, 16, 24])
      for (let s = start; s <= anchorDay + 90; s += 365) {
        add(c, CONTRACT_TYPE.retainer, s, s + 364, SLA.standard, true, `Retainer ${hours} uur per maand`, {
          category: 1,
          revenue: hours * 90 * 12,
          hours: hours * 12,
          monthly: hours * 90,
          setupFee: 0,
        })
      }
    } else if (roll < kind.perTicket) {
      add(c, CONTRACT_TYPE.perTicket, start, anchorDay + 3650, SLA.basic, true, 'Support per ticket', {
        category: 4,
        revenue: 0,
        hours: null,
        monthly: null,
        setupFee: 0,
      })
    } else {
      add(c, CONTRACT_TYPE.timeMaterials, start, anchorDay + 3650, SLA.basic, true, 'Support op nacalculatie', {
        category: 4,
        revenue: 0,
        hours: null,
        monthly: null,
        setupFee: 0,
      })
    }
    const projects = rng.chance(ODDS.customerHasProjects)
      ? rng.int(1, Math.max(1, Math.round((anchorDay - c.createdDay) / 500)))
      : 0
    for (let i = 0; i < projects; i++) {
      const s = rng.int(Math.max(start, anchorDay - 1800), anchorDay + 30)
      const revenue = Math.round(rng.range(2500, 25000) / 50) * 50
      add(
        c,
        CONTRACT_TYPE.fixedPrice,
        s,
        s + rng.int(30, 120),
        SLA.standard,
        false,
        rng.pick([
          'Project migratie Microsoft 365',
          'Project vervanging server',
          'Project Windows 11 uitrol',
          'Project netwerk vernieuwing',
        ]),
        {
          category: 2,
          revenue,
          hours: Math.round(revenue / 110),
          monthly: null,
          setupFee: 0,
        },
      )
    }
  }
  return drafts
}
