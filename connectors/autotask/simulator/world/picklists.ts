/** Picklist values the world uses. Labels follow Autotask's defaults where known (reference §11), else a tenant's own. */

export type Choice = readonly [value: number, label: string, parent?: number]

export const STATUS = {
  new: 1,
  complete: 5,
  waitingCustomer: 7,
  inProgress: 8,
  waitingMaterials: 9,
  dispatched: 10,
  escalate: 11,
  waitingVendor: 12,
  waitingApproval: 13,
  onHold: 17,
  customerNoteAdded: 19,
  rmmResolved: 20,
} as const

export const STATUS_CHOICES: readonly Choice[] = [
  [1, 'New'],
  [5, 'Complete'],
  [7, 'Waiting Customer'],
  [8, 'In Progress'],
  [9, 'Waiting Materials'],
  [10, 'Dispatched'],
  [11, 'Escalate'],
  [12, 'Waiting Vendor'],
  [13, 'Waiting Approval'],
  [15, 'Change Order'],
  [16, 'Work Complete'],
  [17, 'On Hold'],
  [19, 'Customer Note Added'],
  [20, 'RMM Resolved'],
]

export const PRIORITY = { high: 1, medium: 2, low: 3, critical: 4 } as const
export const PRIORITY_CHOICES: readonly Choice[] = [
  [4, 'Critical'],
  [1, 'High'],
  [2, 'Medium'],
  [3, 'Low'],
]

export const QUEUE = {
  serviceDesk: 29682833,
  monitoring: 29682969,
  level2: 29683354,
  projects: 29683378,
  onboarding: 29683481,
} as const
export const QUEUE_CHOICES: readonly Choice[] = [
  [29682833, 'Service Desk'],
  [29682969, 'Monitoring Alerts'],
  [29683354, 'Level 2'],
  [29683378, 'Projects & Changes'],
  [29683481, 'On- & Offboarding'],
]

export const ISSUE_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Hardware'],
  [2, 'Software'],
  [3, 'Netwerk & Connectiviteit'],
  [4, 'Accounts & Toegang'],
  [5, 'E-mail & Microsoft 365'],
  [6, 'Printers & Scanners'],
  [7, 'Beveiliging & Back-up'],
  [8, 'Monitoring'],
  [9, 'Wijzigingen & Projecten'],
]

export const SUB_ISSUE_TYPE_CHOICES: readonly Choice[] = [
  [101, 'Laptop / Desktop', 1],
  [102, 'Server', 1],
  [103, 'Mobiel / Tablet', 1],
  [201, 'Microsoft Office', 2],
  [202, 'Bedrijfsapplicatie', 2],
  [203, 'Installatie / Update', 2],
  [301, 'Internet / WAN', 3],
  [302, 'VPN', 3],
  [303, 'Wifi', 3],
  [304, 'Firewall', 3],
  [401, 'Wachtwoord / MFA', 4],
  [402, 'Nieuwe medewerker', 4],
  [403, 'Uitdienst medewerker', 4],
  [404, 'Rechten', 4],
  [501, 'Mailbox', 5],
  [502, 'Spam / Phishing', 5],
  [503, 'Teams / SharePoint', 5],
  [601, 'Printer', 6],
  [602, 'Scanner', 6],
  [701, 'Malware', 7],
  [702, 'Phishing incident', 7],
  [703, 'Back-up / Restore', 7],
  [801, 'Schijfruimte', 8],
  [802, 'Service gestopt', 8],
  [803, 'Back-up mislukt', 8],
  [804, 'Apparaat offline', 8],
  [805, 'Patches', 8],
  [806, 'CPU / Geheugen', 8],
  [901, 'Werkplek', 9],
  [902, 'Infrastructuur', 9],
  [903, 'Migratie', 9],
]

export const SOURCE = { phone: 1, email: 2, portal: 3, monitoring: 4, walkIn: 5, internal: 6 } as const
export const SOURCE_CHOICES: readonly Choice[] = [
  [1, 'Phone'],
  [2, 'Email'],
  [3, 'Client Portal'],
  [4, 'Monitoring Alert'],
  [5, 'Walk-in'],
  [6, 'Internal'],
]

export const TICKET_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Service Request'],
  [2, 'Incident'],
  [3, 'Problem'],
  [4, 'Change Request'],
  [5, 'Alert'],
]

export const CATEGORY = { standard: 2, alert: 3, change: 4 } as const
export const TICKET_CATEGORY_CHOICES: readonly Choice[] = [
  [2, 'Standard'],
  [3, 'RMM Alert'],
  [4, 'Change'],
]

export const SLA = { premium: 1, standard: 2, basic: 3 } as const
export const SLA_CHOICES: readonly Choice[] = [
  [1, 'Premium SLA'],
  [2, 'Standaard SLA'],
  [3, 'Basis SLA'],
]
/** Business hours to first response / resolution plan / resolution, by priority value. */
export const SLA_TARGET_HOURS: Readonly<Record<number, readonly [number, number, number]>> = {
  4: [1, 2, 6],
  1: [2, 4, 9],
  2: [4, 8, 27],
  3: [8, 16, 54],
}
export const SLA_FACTOR: Readonly<Record<number, number>> = { 1: 0.5, 2: 1, 3: 1.5 }

export const CREATOR_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Resource'],
  [2, 'Contact'],
]

export const NOTE_TYPE = { detail: 1, notes: 2, summary: 3, resolution: 13, portal: 18, survey: 31 } as const
export const NOTE_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Task Detail'],
  [2, 'Task Notes'],
  [3, 'Task Summary'],
  [13, 'Resolution'],
  [18, 'Client Portal Note'],
  [31, 'Survey Response'],
]

export const PUBLISH = { all: 1, internal: 2 } as const
export const PUBLISH_CHOICES: readonly Choice[] = [
  [1, 'All Autotask Users'],
  [2, 'Internal Project Team'],
]

export const BILLING_CODE = {
  remote: 29682801,
  onsite: 29682802,
  travel: 29682803,
  internal: 29682804,
  project: 29682805,
  afterHours: 29682806,
} as const
export const BILLING_CODE_CHOICES: readonly Choice[] = [
  [29682801, 'Remote Support'],
  [29682802, 'Onsite Support'],
  [29682803, 'Travel'],
  [29682804, 'Internal'],
  [29682805, 'Project Work'],
  [29682806, 'After-hours Support'],
]

export const ROLE = {
  l1: 29683464,
  l2: 29683465,
  lead: 29683466,
  serviceManager: 29683467,
  consultant: 29683468,
} as const
export const ROLE_CHOICES: readonly Choice[] = [
  [29683464, 'Servicedesk Engineer L1'],
  [29683465, 'Servicedesk Engineer L2'],
  [29683466, 'Team Lead'],
  [29683467, 'Service Manager'],
  [29683468, 'Consultant'],
]

export const TIME_ENTRY_TYPE = { regular: 1, ticket: 2 } as const
export const TIME_ENTRY_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Regular Time'],
  [2, 'Ticket Time'],
  [6, 'Task Time'],
]

export const APPROVAL_LEVEL_CHOICES: readonly Choice[] = [
  [1, 'Level 1'],
  [2, 'Level 2'],
]

export const COMPANY_TYPE = {
  customer: 1,
  lead: 2,
  prospect: 3,
  dead: 4,
  cancellation: 6,
  vendor: 7,
  partner: 8,
} as const
export const COMPANY_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Customer'],
  [2, 'Lead'],
  [3, 'Prospect'],
  [4, 'Dead'],
  [6, 'Cancellation'],
  [7, 'Vendor'],
  [8, 'Partner'],
]

export const CLASSIFICATION_CHOICES: readonly Choice[] = [
  [1, 'Gold'],
  [2, 'Silver'],
  [3, 'Bronze'],
]

export const MARKET_SEGMENT_CHOICES: readonly Choice[] = [
  [1, 'Zakelijke dienstverlening'],
  [2, 'Zorg'],
  [3, 'Bouw & Industrie'],
  [4, 'Onderwijs & Non-profit'],
  [5, 'Handel & Logistiek'],
]

export const TERRITORY_CHOICES: readonly Choice[] = [
  [1, 'Noord-Holland'],
  [2, 'Zuid-Holland'],
  [3, 'Utrecht & Midden'],
  [4, 'Overig Nederland'],
]

export const COUNTRY_CHOICES: readonly Choice[] = [[150, 'Netherlands']]
export const COUNTRY_NL = 150

export const LOCATION_CHOICES: readonly Choice[] = [
  [29682760, 'Amsterdam (HQ)'],
  [29682761, 'Utrecht'],
]

export const CONTRACT_TYPE = {
  timeMaterials: 1,
  fixedPrice: 3,
  blockHours: 4,
  retainer: 6,
  recurring: 7,
  perTicket: 8,
} as const
export const CONTRACT_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Time & Materials'],
  [3, 'Fixed Price'],
  [4, 'Block Hours'],
  [6, 'Retainer'],
  [7, 'Recurring Service'],
  [8, 'Per Ticket'],
]

export const CONTRACT_CATEGORY_CHOICES: readonly Choice[] = [
  [1, 'Managed Services'],
  [2, 'Projecten'],
  [3, 'Strippenkaart'],
  [4, 'Support op nacalculatie'],
]

export const CONTRACT_STATUS_CHOICES: readonly Choice[] = [
  [0, 'Inactive'],
  [1, 'Active'],
]

export const DELETED_ACTIVITY_TYPE = { timeEntry: 1, note: 2 } as const
export const DELETED_ACTIVITY_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Time Entry'],
  [2, 'Note'],
  [3, 'Attachment'],
]

// ---- Assets, sales, billing and projects (world/business.ts). Tenant-specific lists; the values
// of the default statuses follow what public clients use, UNCERTAIN where docs/autotask-entities.md says so.

export const CI_TYPE = { workstation: 1, server: 2, network: 3, printer: 4, mobile: 5 } as const
export const CI_TYPE_CHOICES: readonly Choice[] = [
  [1, 'Werkplek (laptop/desktop)'],
  [2, 'Server'],
  [3, 'Netwerkapparatuur'],
  [4, 'Printer / MFP'],
  [5, 'Mobiel apparaat'],
]

export const OPPORTUNITY_STATUS = { notReady: 0, active: 1, lost: 2, closed: 3, implemented: 4 } as const
export const OPPORTUNITY_STATUS_CHOICES: readonly Choice[] = [
  [1, 'Active'],
  [0, 'Not Ready To Buy'],
  [2, 'Lost'],
  [3, 'Closed'],
  [4, 'Implemented'],
]

export const OPPORTUNITY_STAGE = { qualify: 1, needs: 2, quoted: 3, negotiate: 4 } as const
export const OPPORTUNITY_STAGE_CHOICES: readonly Choice[] = [
  [1, 'Kwalificatie'],
  [2, 'Behoefteanalyse'],
  [3, 'Offerte verstuurd'],
  [4, 'Onderhandeling'],
]

export const LOSS_REASON_CHOICES: readonly Choice[] = [
  [1, 'Prijs te hoog'],
  [2, 'Concurrent gekozen'],
  [3, 'Geen budget'],
  [4, 'Geen reactie van klant'],
]

export const WIN_REASON_CHOICES: readonly Choice[] = [
  [1, 'Bestaande relatie'],
  [2, 'Prijs/kwaliteit'],
  [3, 'Snelheid van levering'],
]

export const LEAD_SOURCE_CHOICES: readonly Choice[] = [
  [1, 'Bestaande klant'],
  [2, 'Website'],
  [3, 'Doorverwijzing'],
  [4, 'Beurs / evenement'],
]

export const OPPORTUNITY_CATEGORY_CHOICES: readonly Choice[] = [
  [1, 'Managed Services'],
  [2, 'Hardware & licenties'],
  [3, 'Projecten'],
]

export const PAYMENT_TERM = { days14: 1, days30: 2 } as const
export const PAYMENT_TERM_CHOICES: readonly Choice[] = [
  [1, 'Netto 14 dagen'],
  [2, 'Netto 30 dagen'],
]

export const PROJECT_STATUS = { new: 1, inProgress: 2, complete: 5 } as const
export const PROJECT_STATUS_CHOICES: readonly Choice[] = [
  [1, 'New'],
  [2, 'In Progress'],
  [0, 'Inactive'],
  [5, 'Complete'],
]

export const PROJECT_TYPE = { internal: 4, client: 5 } as const
export const PROJECT_TYPE_CHOICES: readonly Choice[] = [
  [5, 'Client'],
  [1, 'Proposal'],
  [2, 'Template'],
  [4, 'Internal'],
  [8, 'Baseline'],
]

export const TASK_STATUS = { new: 1, complete: 5, inProgress: 8 } as const
export const TASK_STATUS_CHOICES: readonly Choice[] = [
  [1, 'New'],
  [8, 'In Progress'],
  [5, 'Complete'],
]
