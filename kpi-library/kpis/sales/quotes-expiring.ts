import { forMe } from '../../sql.js'
import { addDays, daysBetween, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { openOpportunities, OWNER_FIELD, weighted } from './shared.js'
import { countOf, money } from '../../format.js'
import { FIELD } from '../../lists.js'

// Active quotes of open opportunities that run out soon: the moment to call the client. A quote has
// no amount of its own in the model (its items carry it), so the row shows the opportunity's.

const DAYS = 14

export const quotesExpiring = defineKpi({
  id: 'quotes_expiring',
  title: { en: 'Quotes expiring within 14 days', nl: 'Offertes die binnen 14 dagen verlopen' },
  description: {
    en: 'Active quotes on open opportunities whose validity ends in the next 14 days, soonest first. Call the client before the quote lapses: close the deal, extend the quote, or mark the opportunity lost.',
    nl: 'Actieve offertes bij open verkoopkansen waarvan de geldigheid in de komende 14 dagen afloopt, de eerstvolgende bovenaan. Bel de klant voordat de offerte verloopt: sluit de deal, verleng de offerte of zet de kans op verloren.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['account-manager', 'owner', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'next 14 days', nl: 'komende 14 dagen' },
  // Quotes kept in a quoting tool outside the PSA are not synced: the tile says so.
  differs: { noQuotes: { en: 'the PSA keeps no quotes', nl: 'de PSA houdt geen offertes bij' } },
  params: {
    days: {
      type: 'integer',
      default: DAYS,
      min: 1,
      max: 90,
      description: { en: 'How many days ahead to look.', nl: 'Hoeveel dagen vooruit.' },
    },
  },
  band: null,
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Follow up the quote', nl: 'Offerte opvolgen' },
    leavesWhen: {
      en: 'the opportunity is won or lost, the quote is extended or made inactive, or it has expired',
      nl: 'de kans gewonnen of verloren is, de offerte verlengd of inactief gemaakt is, of verlopen is',
    },
    owner: { en: "the opportunity's owner", nl: 'de eigenaar van de verkoopkans' },
    fields: [
      FIELD.companyName,
      { key: 'quoteName', label: { en: 'Quote', nl: 'Offerte' }, type: 'text' },
      { key: 'quoteNumber', label: { en: 'Number', nl: 'Nummer' }, type: 'text' },
      { key: 'expires', label: { en: 'Valid until', nl: 'Geldig tot' }, type: 'date' },
      { key: 'daysLeft', label: { en: 'Days left', nl: 'Dagen over' }, type: 'days' },
      { key: 'amount', label: { en: 'Opportunity amount', nl: 'Bedrag verkoopkans' }, type: 'euro' },
      { key: 'probability', label: { en: 'Chance', nl: 'Kans' }, type: 'percent' },
      OWNER_FIELD,
    ],
    sort: { en: 'expiry date, then amount (largest first)', nl: 'vervaldatum, dan bedrag (grootste eerst)' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Active quotes whose expiration date lies from today to 14 days ahead, of opportunities still open (neither won nor lost); for one person, the opportunities they own.',
      nl: 'Actieve offertes met een vervaldatum van vandaag tot 14 dagen vooruit, bij verkoopkansen die nog open zijn (niet gewonnen of verloren); voor één persoon, de kansen die hij of zij bezit.',
    },
    sources: [
      'quote.expiration_date',
      'quote.is_active',
      'quote.opportunity_id',
      'opportunity.outcome',
      'opportunity.amount',
      'opportunity.owner_resource_id',
    ],
    industry: {
      en: "Not in the catalog; a follow-up list in the spirit of the catalog's renewal pipeline (G20).",
      nl: 'Niet in de catalogus; een opvolglijst in de geest van de verlengingspijplijn van de catalogus (G20).',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const today = localDate(now, tz)
    return {
      quotes: forMe(
        openOpportunities(db)
          .innerJoin('quote', 'quote.opportunity_id', 'opportunity.id')
          .select([
            'quote.id as quoteId',
            'quote.name as quoteName',
            'quote.number as quoteNumber',
            'quote.expiration_date as expires',
          ])
          .where('quote.is_active', '=', 1)
          .where('quote.expiration_date', '>=', today)
          .where('quote.expiration_date', '<=', addDays(today, params.days)),
        'opportunity.owner_resource_id',
        me,
      ),
    }
  },
  compute: ({ quotes }, { now, tz }) => {
    const today = localDate(now, tz)
    const rows = quotes
      .map((q) => ({
        quoteId: q.quoteId,
        opportunityId: q.opportunityId,
        companyName: q.companyName,
        quoteName: q.quoteName,
        quoteNumber: q.quoteNumber,
        title: q.title,
        expires: q.expires,
        daysLeft: daysBetween(today, q.expires!),
        amount: q.amount === null ? null : Number(q.amount),
        probability: q.probability === null ? null : Number(q.probability),
        ownerName: q.ownerName,
      }))
      .sort((a, b) => a.daysLeft - b.daysLeft || (b.amount ?? 0) - (a.amount ?? 0) || a.quoteId - b.quoteId)
    // Each opportunity once, however many of its quotes run out.
    const deals = new Map(quotes.map((q) => [q.opportunityId, weighted(q.amount, q.probability)]))
    return { rows, facts: { count: rows.length, weighted: [...deals.values()].reduce((sum, v) => sum + v, 0) } }
  },
  context: ({ facts }, { params }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: `No open quote runs out in the next ${params.days} days.`,
        nl: `Er verloopt de komende ${params.days} dagen geen openstaande offerte.`,
      }
    const value = money(Number(facts?.weighted ?? 0))
    return {
      en: `${countOf(n, 'quote runs', 'quotes run')} out in the next ${params.days} days, on opportunities worth ${value.en} weighted.`,
      nl: `${countOf(n, 'offerte verloopt', 'offertes verlopen')} in de komende ${params.days} dagen, bij kansen van samen ${value.nl} gewogen.`,
    }
  },
})
