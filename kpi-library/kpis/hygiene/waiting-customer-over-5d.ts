import { includeAlertsParam } from '../../sql.js'
import { businessDaysBetween } from '../../time.js'
import { defineKpi } from '../../types.js'
import { largestFirst, openTicketRows, TICKET_ASSIGNEE_FIELDS, tickets } from './shared.js'
import { FIELD } from '../../lists.js'
import { pluralWord } from '../../format.js'

// Schema gap: no status history is synced, so how long a ticket has waited is not known; what is
// measured, and what the title, window and column say, is the business days since its last activity
// (a reminder the engineer sends resets it, which matches the three-strike routine). The id keeps its
// old name.
// `me` matches the assignee or the company's account manager: both may chase the customer.

export const waitingCustomerOver5d = defineKpi({
  id: 'waiting_customer_over_5d',
  title: { en: 'Waiting on the customer, idle > 5 business days', nl: 'Wacht op klant, > 5 werkdagen stil' },
  description: {
    en: "Open tickets in a waiting-on-the-customer status with no activity for more than 5 business days (counted from the last activity: the PSA's status history is not synced, so the time in the status itself is unknown). Monitoring alerts are left out. Chase the contact (strike 2 or 3), ask the account manager to help, or close the ticket per policy.",
    nl: 'Open tickets in een wachtstatus voor de klant die al meer dan 5 werkdagen stil staan (geteld vanaf de laatste activiteit: de statushistorie van de PSA wordt niet gesynchroniseerd, dus hoe lang de status al geldt is onbekend). Monitoringalerts tellen niet mee. Zit de contactpersoon achter de broek (tweede of derde poging), vraag de accountmanager om hulp of sluit het ticket volgens beleid.',
  },
  group: 'hygiene',
  kind: 'list',
  roles: ['service-manager', 'engineer', 'account-manager'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now: business days since the last activity', nl: 'nu: werkdagen sinds de laatste activiteit' },
  params: {
    days: {
      type: 'integer',
      default: 5,
      min: 1,
      max: 60,
      description: {
        en: 'Business days without activity before a waiting ticket is listed.',
        nl: 'Werkdagen zonder activiteit voordat een wachtend ticket op de lijst komt.',
      },
    },
    includeAlerts: includeAlertsParam(false),
  },
  band: { target: 0, warn: 3 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Chase the customer or close', nl: 'Klant nabellen of sluiten' },
    leavesWhen: {
      en: 'the customer replies, someone logs activity, or the ticket leaves the waiting status',
      nl: 'de klant reageert, er activiteit wordt vastgelegd of het ticket de wachtstatus verlaat',
    },
    owner: {
      en: 'the assignee; the account manager for key clients',
      nl: 'de behandelaar; de accountmanager bij sleutelklanten',
    },
    fields: [
      ...TICKET_ASSIGNEE_FIELDS,
      FIELD.contactName,
      FIELD.contactPhone,
      FIELD.status,
      {
        key: 'daysWaiting',
        label: { en: 'Business days since last activity', nl: 'Werkdagen sinds laatste activiteit' },
        type: 'days',
      },
      { key: 'accountManagerName', label: { en: 'Account manager', nl: 'Accountmanager' }, type: 'text' },
    ],
    sort: { en: 'longest without activity first', nl: 'langst zonder activiteit eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Open tickets waiting on the customer (the statuses the MSP's settings mark as waiting on the customer) with more than 5 business days since their last activity (creation time when there is none); monitoring alerts left out unless includeAlerts; for one person, the tickets assigned to them or at clients they are account manager of.",
      nl: 'Open tickets die op de klant wachten (de statussen die de instellingen van de MSP als wachten op de klant aanmerken) met meer dan 5 werkdagen sinds de laatste activiteit (de aanmaaktijd als die er niet is); monitoringalerts niet tenzij includeAlerts; voor één persoon, de tickets die aan hem of haar zijn toegewezen of die horen bij klanten waarvan hij of zij accountmanager is.',
    },
    sources: [
      'ticket.state',
      'ticket.last_activity_at',
      'ticket.created_at',
      'ticket.kind',
      'ticket.assigned_resource_id',
      'company.owner_resource_id',
    ],
    industry: {
      en: 'F2, with the time in the waiting status (a schema gap: no status history) read as the time since the last activity, so a reminder restarts the count. Three contacts about 3 business days apart, then resolve [3STRIKE]; the account manager can help unblock [AT-SLA].',
      nl: 'F2, waarbij de tijd in de wachtstatus (ontbreekt in het schema: geen statushistorie) wordt gelezen als de tijd sinds de laatste activiteit, dus een herinnering zet de teller weer op nul. Drie contactpogingen met ongeveer 3 werkdagen ertussen, daarna afsluiten [3STRIKE]; de accountmanager kan helpen de zaak vlot te trekken [AT-SLA].',
    },
  },
  queries: ({ db, params, me }) => {
    let waiting = openTicketRows(db, params.includeAlerts).where('ticket.state', '=', 'waiting_customer')
    if (me !== null)
      waiting = waiting.where((eb) =>
        eb.or([eb('ticket.assigned_resource_id', '=', me), eb('company.owner_resource_id', '=', me)]),
      )
    return { waiting }
  },
  compute: ({ waiting }, { now, tz, hours, params }) => {
    const rows = largestFirst(
      waiting
        .map((t) => ({ ...t, daysWaiting: businessDaysBetween(new Date(t.lastActivityAt), now, tz, hours) }))
        .filter((t) => t.daysWaiting > params.days),
      (t) => t.daysWaiting,
    )
    return { rows, facts: { count: rows.length, oldest: rows[0]?.daysWaiting ?? 0 } }
  },
  context: ({ facts }, { params }) => {
    const { count: n, oldest } = facts
    if (n === 0)
      return {
        en: `No ticket waiting on the customer has gone more than ${params.days} business days without activity.`,
        nl: `Geen ticket dat op de klant wacht, staat al langer dan ${params.days} werkdagen stil.`,
      }
    const t = tickets(n)
    return {
      en: `${t.en} waiting on the customer ${pluralWord(n, 'has', 'have')} had no activity for more than ${params.days} business days; the longest for ${oldest} business days.`,
      nl: `${t.nl} ${pluralWord(n, 'wacht', 'wachten')} op de klant en ${pluralWord(n, 'staat', 'staan')} al meer dan ${params.days} werkdagen stil; het langste ${oldest} werkdagen.`,
    }
  },
})
