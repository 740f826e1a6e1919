import type { NotNull } from 'kysely'
import { CONTACT_COLUMNS, createdIn, isOpen, labelOf, resourceName, TICKET_COLUMNS } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, countOf, pluralWord } from '../../format.js'
import { daysParam } from '../../params.js'
import { byKeys, FIELD, groupBy } from '../../lists.js'

// Category = the ticket's issue type (catalog §6b: the ticket category governs the form, not the
// issue), whatever its sub-issue type: three e-mail incidents at one client are a recurring e-mail problem
// whether they were filed under Outlook, Mailbox or Spam, and the problem ticket that takes a group off
// the list is matched per issue type too. The row shows the sub-issue types the group spans. Only
// incidents count: service requests (new users, password resets) repeat by nature. "Problem
// ticket linked" is not synced; a problem ticket (kind problem) for the same client and issue type, raised in the
// window or still open, stands in for it. The MSP itself (company 0) is left out.

export const recurringIssueClients = defineKpi({
  id: 'recurring_issue_clients',
  title: { en: 'Recurring client issues, last 30 days', nl: 'Terugkerende klantproblemen, afgelopen 30 dagen' },
  description: {
    en: 'Clients that raised 3 or more incidents of the same issue type in the last 30 days, whatever their sub-issue types (incidents only, so no monitoring alerts). Something keeps breaking: open a problem ticket to find the root cause, or have the account manager propose a project.',
    nl: 'Klanten die de afgelopen 30 dagen 3 of meer storingen van hetzelfde soort melding (issue type) hadden, ongeacht het sub-issue type (alleen incidenten, dus geen monitoringalerts). Er gaat steeds iets mis: maak een probleemticket aan om de oorzaak te vinden, of laat de accountmanager een project voorstellen.',
  },
  group: 'quality',
  kind: 'list',
  roles: ['team-lead', 'account-manager', 'service-manager'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: {
    days: daysParam(30, 180),
    minTickets: {
      type: 'integer',
      default: 3,
      min: 2,
      max: 100,
      description: {
        en: 'Tickets of one issue type that make it recurring.',
        nl: 'Aantal tickets van één soort vanaf wanneer het terugkerend is.',
      },
    },
  },
  // Threshold 3 in 30 days is the catalog's own [guess]; the list should be short.
  band: { target: 0, warn: 3 },
  freshnessMinutes: 120,
  personal: true,
  action: {
    verb: { en: 'Open a problem ticket or propose a project', nl: 'Probleemticket aanmaken of project voorstellen' },
    leavesWhen: {
      en: 'a problem ticket is raised for the client and issue type, or fewer tickets fall in the window',
      nl: 'er een probleemticket voor de klant en dit soort melding is, of er minder tickets in de periode vallen',
    },
    owner: { en: 'the team lead with the account manager', nl: 'de teamleider met de accountmanager' },
    fields: [
      FIELD.companyName,
      { key: 'categoryLabel', label: { en: 'Issue type', nl: 'Soort melding' }, type: 'text' },
      { key: 'subIssueLabels', label: { en: 'Sub-issue types', nl: 'Sub-issue types' }, type: 'text' },
      { key: 'ticketCount', label: { en: 'Tickets', nl: 'Tickets' }, type: 'number' },
      { key: 'openCount', label: { en: 'Still open', nl: 'Nog open' }, type: 'number' },
      { key: 'ticketNumber', label: { en: 'Last ticket', nl: 'Laatste ticket' }, type: 'text' },
      FIELD.ticketTitle,
      { key: 'lastCreatedAt', label: { en: 'Last raised', nl: 'Laatst gemeld' }, type: 'datetime' },
      { key: 'resourceName', label: { en: 'Account manager', nl: 'Accountmanager' }, type: 'text' },
    ],
    sort: { en: 'most tickets first', nl: 'meeste tickets eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Tickets created in the last 30 days counted from this time at clients (not the MSP, company 0) with an issue type (category) set, incidents only (kind incident), grouped per client and issue type, whatever the sub-issue type (the row lists the sub-issue types it spans). A group of 3 or more is listed unless a problem ticket (kind problem) for that client and issue type was raised in the window or is still open. For one person, the clients they are account manager of.',
      nl: 'Tickets aangemaakt in de afgelopen 30 dagen gerekend vanaf dit tijdstip bij klanten (niet de MSP, bedrijf 0) met een ingevuld issue type (categorie), alleen incidenten (soort incident), gegroepeerd per klant en issue type, ongeacht het sub-issue type (de rij noemt de sub-issue types die erin zitten). Een groep van 3 of meer komt op de lijst, tenzij er voor die klant en dat issue type een probleemticket (soort probleem) in de periode is aangemaakt of nog openstaat. Voor één persoon, de klanten waarvan hij of zij accountmanager is.',
    },
    sources: [
      'ticket.created_at',
      'ticket.company_id',
      'ticket.issue_type',
      'ticket.sub_issue_type',
      'ticket.kind',
      'ticket.state',
      'company.owner_resource_id',
    ],
    industry: {
      en: 'C5: the same client and category 3 or more times in 30 days (the threshold is the catalog\'s guess); % repeat incidents [ITKPI], per-client category spikes [BG-NUC]. The category is the ticket\'s issue type (catalog §6b; on ConnectWise its subtype), not the ticket category that governs the form, and not split by sub-issue type, which would scatter one recurring problem over groups too small to list; a problem ticket for the client and issue type stands in for "problem ticket linked", which is not synced.',
      nl: 'C5: dezelfde klant en categorie 3 keer of vaker in 30 dagen (de drempel is een inschatting van de catalogus); % terugkerende incidenten [ITKPI], pieken per klant en categorie [BG-NUC]. De categorie is het issue type van het ticket (catalogus §6b; bij ConnectWise het subtype), niet de ticketcategorie die het formulier bepaalt, en niet opgesplitst per sub-issue type, wat één terugkerend probleem over groepen zou verspreiden die te klein zijn om op de lijst te komen; een probleemticket voor klant en issue type staat voor "probleemticket gekoppeld", dat niet wordt gesynchroniseerd.',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const window = lastDays(now, tz, params.days)
    let tickets = db
      .selectFrom('ticket')
      .innerJoin('company', 'company.id', 'ticket.company_id')
      .leftJoin('contact', 'contact.id', 'ticket.contact_id')
      .leftJoin('resource', 'resource.id', 'company.owner_resource_id')
      .select([
        ...TICKET_COLUMNS,
        'ticket.created_at as createdAt',
        'ticket.state as state',
        'ticket.issue_type as issueType',
        'ticket.sub_issue_type as subIssueType',
        labelOf('ticketCategory', 'ticket.issue_type').as('issueTypeLabel'),
        labelOf('ticketSubcategory', 'ticket.sub_issue_type').as('subIssueTypeLabel'),
        'company.id as companyId',
        'company.name as companyName',
        ...CONTACT_COLUMNS,
        'company.owner_resource_id as resourceId',
        resourceName().as('resourceName'),
      ])
      .where(createdIn(window))
      .where('ticket.company_id', '!=', 0)
      .where('ticket.issue_type', 'is not', null)
      .$narrowType<{ issueType: NotNull }>()
    tickets = tickets.where('ticket.kind', '=', 'incident')
    if (me !== null) tickets = tickets.where('company.owner_resource_id', '=', me)
    return {
      tickets,
      problems: db
        .selectFrom('ticket')
        .select(['company_id as companyId', 'issue_type as issueType'])
        .where('kind', '=', 'problem')
        .where((eb) => eb.or([eb('ticket.created_at', '>', window.after), isOpen(eb)])),
    }
  },
  compute: ({ tickets, problems }, { params }) => {
    const handled = new Set(problems.map((p) => `${p.companyId}:${p.issueType}`))
    const groups = groupBy(tickets, (t) => `${t.companyId}:${t.issueType}`)
    const rows = [...groups.entries()]
      .filter(
        ([, list]) => list.length >= params.minTickets && !handled.has(`${list[0].companyId}:${list[0].issueType}`),
      )
      .map(([, list]) => {
        // A group holds at least the ticket that opened it.
        const sorted = [...list].sort(
          byKeys(
            (t) => t.createdAt,
            (t) => t.ticketId,
          ),
        )
        const last = sorted[sorted.length - 1]
        const { createdAt, state: _state, subIssueType: _sub, subIssueTypeLabel: _subLabel, ...rest } = last
        return {
          ...rest,
          categoryLabel: rest.issueTypeLabel ?? String(rest.issueType),
          subIssueLabels: subIssueLabels(list),
          lastCreatedAt: createdAt,
          ticketCount: list.length,
          openCount: list.filter((t) => t.state !== 'complete').length,
        }
      })
      .sort(
        byKeys(
          (r) => -r.ticketCount,
          (r) => r.companyId,
          (r) => r.issueType,
        ),
      )
    return {
      rows,
      facts: {
        clusters: rows.length,
        clients: new Set(rows.map((r) => r.companyId)).size,
        top: rows[0]?.ticketCount ?? null,
      },
    }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const { clusters: n, clients, top } = facts
      if (n === 0)
        return lang === 'en'
          ? `No client raised ${params.minTickets} or more tickets of one issue type in the last ${params.days} days.`
          : `Geen klant had de afgelopen ${params.days} dagen ${params.minTickets} of meer tickets van hetzelfde soort melding.`
      return lang === 'en'
        ? `${countOf(clients, 'client', 'clients')} had ${countOf(n, 'recurring issue', 'recurring issues')} in the last ${params.days} days; the largest is ${top} tickets.`
        : `${countOf(clients, 'klant', 'klanten')} ${pluralWord(clients, 'had', 'hadden')} de afgelopen ${params.days} dagen ${n} terugkerende ${pluralWord(n, 'probleem', 'problemen')}; het grootste telt ${top} tickets.`
    }),
})

/** The sub-issue types of a group's tickets, most tickets first (ties by name), or null when none has one. */
function subIssueLabels(
  list: ReadonlyArray<{ subIssueType: number | null; subIssueTypeLabel: string | null }>,
): string | null {
  const counts = new Map<string, number>()
  for (const t of list) {
    if (t.subIssueType === null) continue
    const label = t.subIssueTypeLabel ?? String(t.subIssueType)
    counts.set(label, (counts.get(label) ?? 0) + 1)
  }
  const labels = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).map(([label]) => label)
  return labels.length > 0 ? labels.join(', ') : null
}
