import * as C from '../catalogue.js'
import type { IssueTemplate } from '../catalogue.js'
import { DAY, HOUR, MINUTE, isBusinessDay, localToUtc, quantize, weekday } from '../clock.js'
import { ODDS } from '../odds.js'
import { SOURCE } from '../picklists.js'
import { SPAM_TITLES, TEXTS } from '../texts.js'
import type { CompanyInfo, ContactInfo } from '../types.js'
import type { DeskDay } from './day.js'

/** A ticket about to be raised: when, about what, for whom and how it came in. */
export interface Draft {
  t0: number
  template: IssueTemplate
  alert: boolean
  company: CompanyInfo
  contact: ContactInfo | null
  source: number
  /** A ticket that will be deleted, and why. */
  deletion: 'spam' | 'duplicate' | null
}

/** Everything raised on the day: people's tickets, monitoring alerts and the odd spam or duplicate e-mail. */
export function draftTickets(desk: DeskDay): Draft[] {
  const rng = desk.rng
  const day = desk.day
  const size = desk.ctx.size
  const customers = desk.visibleCompanies().filter((c) => c.customer && c.contracts.some((k) => k.startDay <= day))
  if (customers.length === 0 || desk.pool.workers.length === 0) return []
  const weights = customers.map((c) => c.weight)
  const wd = weekday(day)
  const business = isBusinessDay(day)
  const month = new Date(day * DAY).getUTCMonth()
  const season = month === 6 || month === 7 ? 0.85 : month === 11 ? 0.9 : 1
  const dayFactor = business ? [0, 1.3, 1.08, 1, 0.95, 0.78, 0][wd]! * season : 0.05
  const engineers = desk.pool.l1.length + desk.pool.l2.length
  const drafts: Draft[] = []
  const humanCount = rng.count(size.ticketsPerEngineer * engineers * dayFactor)
  for (let i = 0; i < humanCount; i++) {
    const company = rng.weighted(customers, weights)
    const template = rng.weighted(
      C.USER_ISSUES,
      C.USER_ISSUES.map((x) => x.weight),
    )
    const source = rng.choose(ODDS.ticketSource)
    const t0 = business ? arrival(desk, source) : desk.at(9, 21)
    drafts.push({ t0, template, alert: false, company, contact: reporter(desk, company), source, deletion: null })
  }
  for (let i = rng.count(size.alertsPerEngineer * engineers); i > 0; i--) {
    const company = rng.weighted(customers, weights)
    const template = rng.weighted(
      C.ALERT_ISSUES,
      C.ALERT_ISSUES.map((x) => x.weight),
    )
    const t0 = quantize(localToUtc(day, (rng.chance(ODDS.alertInDaytime) ? rng.range(7, 19) : rng.range(0, 24)) * HOUR))
    drafts.push({ t0, template, alert: true, company, contact: null, source: SOURCE.monitoring, deletion: null })
  }
  const humans = drafts.filter((d) => !d.alert && d.source === SOURCE.email)
  for (let i = rng.count(size.deletionsPerBusinessDay * (business ? 1 : 0.2)); i > 0; i--) {
    const original = humans.length > 0 && rng.chance(ODDS.deletionIsDuplicate) ? rng.pick(humans) : null
    if (original) {
      drafts.push({ ...original, t0: quantize(original.t0 + rng.int(1, 8) * MINUTE), deletion: 'duplicate' })
    } else {
      const company = desk.ctx.roster.msp
      const template = {
        ...C.USER_ISSUES[0]!,
        title: rng.pick(SPAM_TITLES),
        description: TEXTS.spamDescription,
      }
      drafts.push({
        t0: desk.at(0, 24),
        template,
        alert: false,
        company,
        contact: null,
        source: SOURCE.email,
        deletion: 'spam',
      })
    }
  }
  return drafts
}

/** When a person's ticket comes in on a business day: mostly office hours, e-mail and portal more often outside. */
function arrival(desk: DeskDay, source: number): number {
  const rng = desk.rng
  const written = source === SOURCE.email || source === SOURCE.portal
  if (rng.chance(written ? ODDS.writtenOutsideHours : ODDS.calledOutsideHours)) {
    return desk.at(
      rng.chance(ODDS.outsideHoursFromEarly) ? 6.5 : 17.5,
      rng.chance(ODDS.outsideHoursUntilEarly) ? 8.5 : 22,
    )
  }
  const h = rng.chance(ODDS.raisedInMorning) ? rng.range(8.5, 11.5) : rng.range(11.5, 17.4)
  return desk.at(h, h + 0.1)
}

/** Who at the company reports it: often the main contact, otherwise anyone who is not about to leave. */
function reporter(desk: DeskDay, company: CompanyInfo): ContactInfo | null {
  const day = desk.day
  const live = company.contacts.filter((c) => c.createdDay < day && (c.leftDay === null || c.leftDay > day + 60))
  if (live.length === 0) return null
  return desk.rng.chance(ODDS.mainContactReports) ? live[0]! : desk.rng.pick(live)
}
