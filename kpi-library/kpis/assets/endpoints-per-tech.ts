import { BILLABLE_STAFF_DAYS, billableStaff } from '../../billing.js'
import { bothLanguages, formatNumber } from '../../format.js'
import { defineKpi } from '../../types.js'
import { CI_TYPES, ENDPOINT_SOURCES, endpointsByCompany, OWN_COMPANIES } from './shared.js'

// Catalog G14: the clients' endpoints over the technicians. A technician is a billable one, as in
// revenue_per_tech and billable utilization (billing.ts): active, with billable time in the last 30
// days, so a service manager or a leaver does not dilute the figure.

export const endpointsPerTech = defineKpi({
  id: 'endpoints_per_tech',
  title: { en: 'Endpoints per technician', nl: 'Endpoints per technicus' },
  description: {
    en: 'Managed endpoints (the active configuration items of clients) per billable technician: active people who logged billable time in the last 30 days. It shows how far the team stretches: about 230 to 280 is often quoted as healthy. Far fewer means the desk is expensive for the fleet it runs; far more, that automation must carry the load or people are overstretched.',
    nl: 'Beheerde endpoints (de actieve configuratie-items van klanten) per declarabele technicus: actieve mensen die de afgelopen 30 dagen declarabele tijd schreven. Het laat zien hoe ver het team reikt: 230 tot 280 wordt vaak als gezond genoemd. Veel minder betekent dat de servicedesk duur is voor het aantal apparaten; veel meer, dat automatisering het werk moet dragen of dat mensen overbelast raken.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'integrator'],
  unit: 'ratio',
  direction: 'higher',
  window: { en: 'now (technicians: last 30 days)', nl: 'nu (technici: afgelopen 30 dagen)' },
  params: { ciTypes: CI_TYPES, ownCompanyIds: OWN_COMPANIES },
  // 230-280 healthy [PHARALLAX] (low confidence); amber down to 180 [guess].
  band: { target: 230, warn: 180 },
  freshnessMinutes: 24 * 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: "Endpoints: active configuration items of every company but the MSP's own (optionally only some types). Technicians: active resources with a billable entry in the last 30 days.",
      nl: 'Endpoints: actieve configuratie-items van elk bedrijf behalve de MSP zelf (desgewenst alleen bepaalde typen). Technici: actieve medewerkers met een declarabele registratie in de afgelopen 30 dagen.',
    },
    sources: [
      ...ENDPOINT_SOURCES,
      'time_entry.non_billable',
      'time_entry.date_worked',
      'time_entry.resource_id',
      'resource.is_active',
    ],
    industry: {
      en: "G14: SUM(endpoints) / COUNT(active technical staff), with endpoints counted from the PSA's configuration items instead of a per-company figure; 230-280 healthy [PHARALLAX], low confidence.",
      nl: 'G14: SOM(endpoints) / AANTAL(actieve technische medewerkers), met endpoints geteld uit de configuratie-items in de PSA in plaats van een getal per bedrijf; 230-280 gezond [PHARALLAX], lage zekerheid.',
    },
  },
  queries: ({ db, now, tz, params }) => ({
    endpoints: endpointsByCompany(db, params.ciTypes, params.ownCompanyIds),
    staff: billableStaff(db, now, tz, BILLABLE_STAFF_DAYS, null),
  }),
  compute: ({ endpoints, staff }) => {
    const total = endpoints.reduce((sum, row) => sum + Number(row.endpoints), 0)
    return {
      value: staff.length > 0 ? total / staff.length : null,
      facts: { endpoints: total, clients: endpoints.length, technicians: staff.length },
    }
  },
  context: ({ value, facts }) =>
    bothLanguages((lang) => {
      const endpoints = Number(facts?.endpoints ?? 0)
      const technicians = Number(facts?.technicians ?? 0)
      const clients = Number(facts?.clients ?? 0)
      const each = formatNumber(value, lang, 0)
      if (technicians === 0) {
        return lang === 'en'
          ? `${endpoints} endpoints at ${clients} clients, but nobody logged billable time in the last ${BILLABLE_STAFF_DAYS} days.`
          : `${endpoints} endpoints bij ${clients} klanten, maar niemand schreef de afgelopen ${BILLABLE_STAFF_DAYS} dagen declarabele tijd.`
      }
      return lang === 'en'
        ? `${endpoints} endpoints at ${clients} clients over ${technicians} billable technicians: ${each} each (230-280 is often quoted as healthy).`
        : `${endpoints} endpoints bij ${clients} klanten over ${technicians} declarabele technici: ${each} per technicus (230-280 wordt vaak als gezond genoemd).`
    }),
})
