import type { ApiRecord, UserDefinedField } from '../../store.js'
import { CITIES, STREETS } from '../names.js'
import { ODDS } from '../odds.js'
import { landline, mobile } from '../roster.js'
import { NEW_CONTACT_TITLES } from '../texts.js'
import type { Patch } from '../types.js'
import type { DeskDay } from './day.js'

/** Customers' own details change now and then: a new phone number or address, more seats, a contact's new role. */
export function editCustomerRecords(desk: DeskDay): void {
  const rng = desk.rng
  const companies = desk.visibleCompanies()
  const factor = desk.ctx.size.rareFactor
  for (let i = rng.count(companies.length * ODDS.companyEditedPerDay * factor); i > 0; i--) {
    const c = rng.pick(companies)
    const what = rng.int(0, 2)
    const delta = rng.pick([-2, -1, 1, 1, 2, 3])
    const phone = landline(rng, rng.pick(CITIES))
    const street = `${rng.pick(STREETS)} ${rng.int(1, 200)}`
    desk.emit({
      kind: 'edit',
      at: desk.at(8.5, 17.5),
      record: c.rec,
      entity: 'Companies',
      apply: (cur: ApiRecord): Patch => {
        if (what === 1) return { phone }
        if (what === 2) return { address1: street }
        return {
          userDefinedFields: cur.userDefinedFields.map((u): UserDefinedField =>
            u.value !== null && (u.name === 'Seats' || u.name === 'Endpoints')
              ? { name: u.name, value: String(Math.max(1, Number(u.value) + delta)) }
              : u,
          ),
        }
      },
    })
  }
  const contacts = companies.flatMap((c) => c.contacts.filter((p) => p.createdDay < desk.day))
  for (let i = rng.count(contacts.length * ODDS.contactEditedPerDay * factor); i > 0; i--) {
    const p = rng.pick(contacts)
    const patch = rng.chance(ODDS.contactEditIsMobile)
      ? { mobilePhone: mobile(rng) }
      : rng.chance(ODDS.contactEditIsTitle)
        ? { title: rng.pick(NEW_CONTACT_TITLES) }
        : { extension: String(rng.int(10, 399)) }
    desk.emit({ kind: 'edit', at: desk.at(8.5, 17.5), record: p.rec, entity: 'Contacts', apply: () => patch })
  }
}
