// What people at the desk and its customers write: note titles, fixed texts, and the pools notes and summaries are
// picked from. A mix of Dutch and English, as on a Dutch MSP's desk.

/** Note titles, as the desk writes them. */
export const NOTE_TITLES = {
  firstResponse: 'Eerste reactie',
  progress: 'Voortgang',
  waitingForCustomer: 'Wachten op klant',
  customerReply: 'Reactie klant',
  alertPickedUp: 'Alert in behandeling',
  deletion: 'Dubbel / spam',
  surveyFollowUp: 'Terugbelactie enquête',
  /** Autotask's own title for a survey comment. */
  surveyComment: 'Customer survey comment',
} as const

/** The fixed texts of tickets, notes and time entries. */
export const TEXTS = {
  spamDescription: 'Automatisch aangemaakt uit e-mail.',
  travel: 'Reistijd naar klant',
  closedUnanswered: 'Geen reactie van de klant ontvangen, ticket gesloten.',
  problemBack: 'Het probleem is helaas terug.',
  surveyCallBack: 'Klant teruggebeld n.a.v. klanttevredenheidsonderzoek.',
  alertCleared: 'Alert automatisch opgelost door RMM.',
  clearedAlertChecked: 'Alert gecontroleerd, automatisch hersteld.',
  clearedAlertResolution: 'Alert automatisch opgelost door RMM, gecontroleerd.',
  duplicateDeleted: 'Dubbel ticket, wordt verwijderd.',
  spamDeleted: 'Spam, wordt verwijderd.',
  deletionReviewed: 'Ticket beoordeeld.',
  /** What a timer left running overnight was started for. */
  overnightTimer: 'Kennisdeling en documentatie bijwerken',
} as const

/** The line under a ticket's description naming who reported it. */
export const reportedBy = (name: string) => `\n\nGemeld door ${name}.`

/** What an engineer adds to a time entry's summary when they edit it later. */
export const amendedSummary = (summary: string) => `${summary} Aangevuld: gebruiker geïnformeerd.`

/** A contact's new job title. */
export const NEW_CONTACT_TITLES = ['Office manager', 'Teamleider', 'Directeur', 'Adviseur']

export const SPAM_TITLES = [
  'Automatisch antwoord: Afwezig',
  'RE: Uw factuur staat klaar',
  'Unsubscribe',
  'Uw mailbox is bijna vol - klik hier',
  'Delivery Status Notification (Failure)',
]

export const FIRST_NOTES = [
  'Contact opgenomen met gebruiker, probleem geïnventariseerd.',
  'Gebruiker gebeld, remote sessie ingepland.',
  'Melding ontvangen en in behandeling genomen.',
  'Called the user, reproduced the issue remotely.',
  'Eerste analyse gedaan, logbestanden opgevraagd.',
]

export const WORK_SUMMARIES = [
  'Remote sessie: instellingen gecontroleerd en aangepast.',
  'Logbestanden geanalyseerd, oorzaak gevonden.',
  'Driver bijgewerkt en systeem herstart.',
  'Profiel opnieuw aangemaakt, gegevens teruggezet.',
  'Contact gehad met leverancier over de storing.',
  'Configuratie aangepast en getest met gebruiker.',
  'Checked event logs and applied the fix.',
  'Updates geïnstalleerd en werking gecontroleerd.',
  'Rechten aangepast in Active Directory / Entra ID.',
  'Hardware getest, onderdeel besteld.',
]

export const RESOLUTION_SUMMARIES = [
  'Opgelost, gebruiker bevestigt dat alles weer werkt.',
  'Probleem verholpen, ticket gesloten na akkoord klant.',
  'Resolved: issue fixed and verified with the user.',
  'Werkt weer, oorzaak was een verlopen certificaat.',
  'Afgerond volgens afspraak.',
]

export const ALERT_SUMMARIES = [
  'Alert beoordeeld, schijf opgeschoond.',
  'Service herstart, alert opgelost.',
  'Backup handmatig opnieuw gestart, geslaagd.',
  'Server herstart buiten kantoortijd.',
  'Alert reviewed, no action needed.',
]

export const CUSTOMER_REPLIES = [
  'Het probleem is er weer sinds vanochtend.',
  'Bedankt, ik heb het geprobeerd maar het werkt nog steeds niet.',
  'Ik ben morgen weer op kantoor, dan kunnen jullie verder.',
  'Hierbij de gevraagde schermafdruk.',
  'Thanks, it works again on my side.',
]

export const WAITING_NOTES = [
  'Wachten op reactie van de gebruiker.',
  'Klant gevraagd om een schermafdruk van de melding.',
  'Onderdeel besteld bij leverancier, levering verwacht binnen 2 dagen.',
  'Ticket aangemaakt bij leverancier, wachten op antwoord.',
]

export const INTERNAL_WORK = [
  'Teamoverleg',
  'Intern overleg dispatch',
  'Kennisdeling en documentatie bijwerken',
  'Training Microsoft 365 beheer',
  'Administratie en urenverantwoording',
  'Onderhoud testomgeving',
]

export const LOW_CSAT_COMMENTS = [
  'Duurde 3 dagen voordat iemand reageerde.',
  'Probleem is nog steeds niet opgelost.',
  'Ticket is gesloten zonder dat iemand mij heeft gebeld.',
  'Moest drie keer hetzelfde uitleggen aan verschillende mensen.',
  'Took far too long, we could not work for half a day.',
  'Oplossing werkte maar een dag, nu weer hetzelfde probleem.',
]

export const MID_CSAT_COMMENTS = [
  'Uiteindelijk opgelost, maar het duurde wel lang.',
  'Ok, maar graag sneller terugbellen.',
]

export const HIGH_CSAT_COMMENTS = [
  'Snel en vriendelijk geholpen, dank!',
  'Top service, binnen 10 minuten opgelost.',
  'Great help, thanks a lot.',
  'Fijn dat jullie meteen meekeken.',
]

export const FOLLOW_UP_NOTES = [
  'Klant teruggebeld naar aanleiding van de enquête, excuses gemaakt en probleem opnieuw bekeken.',
  'Klant teruggebeld: uitgelegd waarom het langer duurde, afspraak gemaakt voor controle.',
  'Called the customer back about the survey, agreed on a follow-up visit.',
]
