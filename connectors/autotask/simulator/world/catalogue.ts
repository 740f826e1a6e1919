/** What MSP tickets are about: title templates with their classification and how much work they tend to take. */

export const TYPE_SERVICE_REQUEST = 1
export const TYPE_INCIDENT = 2
export const TYPE_PROBLEM = 3
export const TYPE_CHANGE = 4
export const TYPE_ALERT = 5

export interface IssueTemplate {
  title: string // {server} {printer} {app} {name} {n} are filled in per ticket
  description: string
  issueType: number
  subIssueType: number
  ticketType: number
  effort: 1 | 2 | 3 | 4 // 1: minutes ... 4: a small project
  weight: number
  urgent?: boolean
}

const t = (
  title: string,
  description: string,
  issueType: number,
  subIssueType: number,
  ticketType: number,
  effort: IssueTemplate['effort'],
  weight: number,
  urgent = false,
): IssueTemplate => ({ title, description, issueType, subIssueType, ticketType, effort, weight, urgent })

export const USER_ISSUES: readonly IssueTemplate[] = [
  t(
    'Outlook start niet op',
    'Outlook blijft hangen op "Profiel laden". Opnieuw opstarten helpt niet.',
    5,
    501,
    2,
    2,
    9,
  ),
  t('VPN verbinding valt weg', 'Thuiswerken lukt niet: VPN valt elke paar minuten weg.', 3, 302, 2, 2, 7),
  t(
    'Nieuwe medewerker: account aanmaken',
    'Graag een account, mailbox en laptop voor {name}, start maandag.',
    4,
    402,
    1,
    3,
    6,
  ),
  t(
    'Uitdienst medewerker: account blokkeren',
    'Medewerker {name} is uit dienst, graag account blokkeren en mailbox overdragen.',
    4,
    403,
    1,
    2,
    3,
  ),
  t('Printer {printer} offline', 'De printer op de {printer} staat offline, niemand kan printen.', 6, 601, 2, 2, 7),
  t('Wachtwoord verlopen', 'Gebruiker kan niet meer inloggen, wachtwoord verlopen.', 4, 401, 1, 1, 9),
  t(
    'MFA opnieuw instellen nieuwe telefoon',
    'Nieuwe telefoon, Authenticator app moet opnieuw gekoppeld worden.',
    4,
    401,
    1,
    1,
    6,
  ),
  t(
    'Geen toegang tot gedeelde map',
    'Kan de map Financien op de schijf niet openen: toegang geweigerd.',
    4,
    404,
    1,
    1,
    6,
  ),
  t('{app} geeft foutmelding bij opstarten', '{app} sluit direct af met een foutmelding.', 2, 202, 2, 2, 7),
  t(
    'Teams vergadering geen geluid',
    'Bij Teams vergaderingen hoort niemand mij, microfoon werkt wel in Windows.',
    5,
    503,
    2,
    1,
    5,
  ),
  t('Laptop erg traag', 'Laptop is sinds de laatste update erg traag bij opstarten.', 1, 101, 2, 2, 6),
  t('Laptop start niet meer op', 'Laptop geeft zwart scherm na het Dell logo.', 1, 101, 2, 3, 3, true),
  t('Mailbox vol', 'Melding dat de mailbox bijna vol is, kan geen mail meer versturen.', 5, 501, 1, 1, 4),
  t(
    'Phishing mail ontvangen, link aangeklikt',
    'Medewerker heeft op een link in een verdachte mail geklikt en ingelogd.',
    7,
    702,
    2,
    3,
    2,
    true,
  ),
  t('Verdachte e-mail doorgestuurd', 'Is deze mail te vertrouwen? Afzender lijkt op onze bank.', 5, 502, 1, 1, 4),
  t(
    'Wifi vergaderzaal werkt niet',
    'Gasten kunnen niet verbinden met het gastennetwerk in de vergaderzaal.',
    3,
    303,
    2,
    2,
    4,
  ),
  t('Internet storing hele kantoor', 'Niemand op kantoor heeft internet sinds vanochtend.', 3, 301, 2, 3, 2, true),
  t(
    'Scannen naar e-mail werkt niet',
    'Scans van de multifunctional komen niet meer aan in de mailbox.',
    6,
    602,
    2,
    2,
    4,
  ),
  t('Software installeren: {app}', 'Graag {app} installeren op de laptop van {name}.', 2, 203, 1, 1, 5),
  t('Extra beeldscherm aansluiten', 'Tweede scherm wordt niet herkend via het dockingstation.', 1, 101, 2, 1, 4),
  t('Rechten aanpassen SharePoint site', 'Externe partij moet toegang krijgen tot de projectsite.', 5, 503, 1, 1, 4),
  t('Telefoon synchroniseert mail niet', 'Op de iPhone komt geen nieuwe mail binnen.', 1, 103, 2, 1, 4),
  t('Bestand per ongeluk verwijderd', 'Kunnen jullie de map Offertes van gisteren terugzetten?', 7, 703, 1, 2, 3),
  t('Excel loopt vast bij openen bestand', 'Groot Excel bestand op de schijf laat Excel vastlopen.', 2, 201, 2, 2, 4),
  t('Citrix sessie hangt', 'Na inloggen blijft de Citrix sessie op een zwart scherm hangen.', 2, 202, 2, 2, 3),
  t('Licentie Microsoft 365 toevoegen', 'Graag een extra Business Premium licentie voor {name}.', 5, 503, 1, 1, 4),
  t(
    'Offerte en bestelling nieuwe laptops',
    'Wij willen {n} nieuwe laptops bestellen, graag een offerte.',
    1,
    101,
    1,
    3,
    3,
  ),
  t(
    'Migratie fileserver naar SharePoint',
    'Project: de fileserver uitfaseren en data naar SharePoint migreren.',
    9,
    903,
    4,
    4,
    1,
  ),
  t(
    'Firewall regel aanpassen voor leverancier',
    'Leverancier heeft toegang nodig via poort 443 tot {server}.',
    3,
    304,
    4,
    2,
    2,
  ),
  t(
    'Windows 11 upgrade werkplekken',
    'Plannen en uitvoeren van de upgrade naar Windows 11 op alle werkplekken.',
    9,
    901,
    4,
    4,
    1,
  ),
  t(
    'Server vervangen {server}',
    'Vervanging van {server} volgens planning, inclusief migratie van rollen.',
    9,
    902,
    4,
    4,
    1,
  ),
  t(
    'Terugkerende storing netwerk switch',
    'Switch op de 1e verdieping herstart meerdere keren per week.',
    3,
    301,
    3,
    3,
    1,
  ),
  t('Agenda delen werkt niet', 'Kan de agenda van de directeur niet meer inzien.', 5, 501, 2, 1, 4),
  t(
    'PDF printen naar verkeerde printer',
    'Standaard printer springt steeds terug naar de printer op de {printer}.',
    6,
    601,
    2,
    1,
    3,
  ),
]

export const ALERT_ISSUES: readonly IssueTemplate[] = [
  t('Disk C: <10% free on {server}', 'Datto RMM alert: volume C: below 10% free space threshold.', 8, 801, 5, 1, 8),
  t('Backup job failed on {server}', 'Backup job "Daily" finished with status Failed.', 8, 803, 5, 2, 6),
  t('Service "Print Spooler" stopped on {server}', 'Monitored service is not running.', 8, 802, 5, 1, 5),
  t('Device offline: {server}', 'Agent has not checked in for 15 minutes.', 8, 804, 5, 1, 6),
  t('High CPU usage on {server}', 'CPU above 95% for more than 30 minutes.', 8, 806, 5, 1, 4),
  t(
    'Windows updates pending reboot on {server}',
    'Patch management: reboot pending for more than 3 days.',
    8,
    805,
    5,
    1,
    5,
  ),
  t('Antivirus threat detected on werkplek', 'Defender detected and quarantined a threat.', 7, 701, 5, 2, 2),
  t('Memory usage above 90% on {server}', 'Memory threshold exceeded.', 8, 806, 5, 1, 3),
]
