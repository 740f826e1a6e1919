import { PRIORITY, SOURCE } from './picklists.js'

/**
 * Every chance the simulated world takes, by name: the share of cases in which something happens, a rate per
 * day, or a weighted choice. Tuning one changes the world (and its digests in test/simulator-world.test.ts); they
 * are read where the draw happens, so the order of the draws stays with the code.
 *
 * A `...Below` group splits one roll into cumulative bounds: an outcome happens when the roll is below its bound and
 * not below the one before.
 */
export const ODDS = {
  // ---- staff and customers (roster.ts) ----------------------------------------------------------------------

  /** Engineers who leave during a year of history, as a share of the team (by the square root of other lengths). */
  engineersLeavingPerYear: 0.1,
  /** An engineer hired during a history of a year or more, rather than before it. */
  engineerHiredDuringHistory: 0.2,
  /** Staff based at the main office rather than the second location. */
  staffAtMainOffice: 0.8,
  /** A mobile number written 06-... rather than +31 6 .... */
  mobileWrittenLocally: 0.8,
  /** A company that is a customer; the rest are leads, prospects, vendors, partners, cancelled or dead. */
  companyIsCustomer: 0.8,
  /** A company (beyond the first four) created during a history of a year or more ... */
  companyCreatedInLongHistory: 0.22,
  /** ... or during a shorter history. */
  companyCreatedInShortHistory: 0.04,
  /** A company created during the history that only appears after the clock's start (up to 200 days on). */
  companyCreatedAfterStart: 0.15,
  /** A house number with an addition (12a, 12-1). */
  addressHasAddition: 0.15,
  /** A customer's server named after the customer rather than SRV. */
  serverNamedAfterCustomer: 0.3,
  /** A customer that is a branch of another customer. */
  customerHasParent: 0.05,
  /** A contact (beyond the first two) who joins the customer later. */
  contactJoinsLater: 0.25,
  /** A contact (beyond the first) who leaves the customer at some point. */
  contactLeaves: 0.08,
  /** A contact who opted out of surveys. */
  contactOptsOutOfSurveys: 0.05,
  /** A contact who gets the English survey. */
  contactSpeaksEnglish: 0.12,
  /** A contact with a phone extension. */
  contactHasExtension: 0.5,
  /** A contact with a mobile number. */
  contactHasMobile: 0.75,
  /** A contact reached on the company's main number rather than a line of their own. */
  contactOnCompanyPhone: 0.85,
  /** A customer's main contract: managed services, block hours, retainer, per ticket; time and materials above. */
  contractKindBelow: { managedServices: 0.6, blockHours: 0.8, retainer: 0.86, perTicket: 0.9 },
  /** A managed-services contract with the premium SLA. */
  managedServicesPremium: 0.3,
  /** A customer that has had fixed-price projects. */
  customerHasProjects: 0.35,

  // ---- the working day (schedule.ts) -------------------------------------------------------------------------

  /** A person on holiday for a week (about four weeks a year). */
  holidayWeek: 0.075,
  /** A single day off (doctor, a sick child). */
  singleDayOff: 0.02,
  /** A half working day. */
  halfDay: 0.035,
  /** A half day worked in the afternoon rather than the morning. */
  halfDayInAfternoon: 0.5,
  /** A long working day. */
  longDay: 0.05,

  // ---- customers' own records (desk/record-edits.ts) ----------------------------------------------------------

  /** Edits per company per business day (phone, address, seats). */
  companyEditedPerDay: 0.004,
  /** Edits per contact per business day. */
  contactEditedPerDay: 0.0015,
  /** A contact's edit is a new mobile number ... */
  contactEditIsMobile: 0.5,
  /** ... otherwise a new job title rather than a new extension. */
  contactEditIsTitle: 0.5,

  // ---- intake (desk/intake.ts) --------------------------------------------------------------------------------

  /** How people raise tickets. */
  ticketSource: [
    [SOURCE.phone, 35],
    [SOURCE.email, 36],
    [SOURCE.portal, 26],
    [SOURCE.walkIn, 3],
  ],
  /** An e-mail or portal ticket sent outside office hours ... */
  writtenOutsideHours: 0.12,
  /** ... and a call or walk-in. */
  calledOutsideHours: 0.02,
  /** Outside office hours: a window that starts early morning rather than evening. */
  outsideHoursFromEarly: 0.5,
  /** Outside office hours: a window that ends early morning rather than late evening. */
  outsideHoursUntilEarly: 0.5,
  /** A ticket in office hours raised in the morning. */
  raisedInMorning: 0.55,
  /** The company's main contact reports it, rather than any contact. */
  mainContactReports: 0.3,
  /** A monitoring alert in the daytime rather than at any hour. */
  alertInDaytime: 0.5,
  /** A ticket to be deleted that duplicates an e-mail ticket of the day rather than being spam. */
  deletionIsDuplicate: 0.6,

  // ---- raising the ticket (desk/open-ticket.ts) ---------------------------------------------------------------

  /** An alert's priority. */
  alertPriority: [
    [PRIORITY.high, 25],
    [PRIORITY.medium, 55],
    [PRIORITY.low, 20],
  ],
  /** An urgent kind of issue raised as critical rather than high. */
  urgentIsCritical: 0.35,
  /** A person's ticket's priority. */
  ticketPriority: [
    [PRIORITY.critical, 2],
    [PRIORITY.high, 14],
    [PRIORITY.medium, 54],
    [PRIORITY.low, 30],
  ],

  // ---- dispatch and triage (desk/dispatch.ts, desk/triage.ts) --------------------------------------------------

  /** A team lead's weight when work is handed out; an engineer's is 1. */
  leadWorkWeight: 0.3,
  /** Work that wants second line goes to an L2 engineer rather than anyone. */
  specialistToL2: 0.75,
  /** A booking logged over other work (a call taken mid-task, a start time left uncorrected). */
  bookedOverOtherWork: 0.01,
  /** A first response later than the target rather than well within it. */
  firstResponseLate: 0.06,
  /** A ticket nobody picks up for a day or more. */
  ticketForgotten: 0.025,
  /** A ticket assigned before the first response gets status Dispatched rather than staying New. */
  assignedAsDispatched: 0.1,

  // ---- a person's ticket worked (desk/human-ticket.ts) --------------------------------------------------------

  /** Share of people's tickets planned to finish within their SLA (or due date), by priority. */
  onTimeByPriority: {
    [PRIORITY.critical]: 0.95,
    [PRIORITY.high]: 0.93,
    [PRIORITY.medium]: 0.89,
    [PRIORITY.low]: 0.86,
  } as Readonly<Record<number, number>>,
  /** A ticket whose work is never logged. */
  ticketWithoutTime: 0.04,
  /** A ticket (more than a quick fix) whose customer stops answering, so it is closed unanswered. */
  customerGoesSilent: 0.03,
  /** How long a piece of work takes, in minutes. */
  sessionMinutes: [
    [5, 16],
    [10, 20],
    [15, 25],
    [20, 14],
    [30, 12],
    [45, 7],
    [60, 4],
    [90, 2],
  ],
  /** A later piece of work (on a ticket of some size) done on site. */
  sessionOnSite: 0.05,
  /** Travel to the customer not billed. */
  travelNonBillable: 0.5,
  /** A piece of work not billed (warranty, goodwill). */
  sessionNonBillable: 0.12,
  /** A resolution plan recorded after the first piece of work on a ticket of some size. */
  resolutionPlanRecorded: 0.97,
  /** A resolution plan recorded later on a quick fix that took longer than 45 minutes. */
  lateResolutionPlanRecorded: 0.95,
  /** A progress note after a piece of work ... */
  progressNote: 0.15,
  /** ... visible to the customer. */
  progressNotePublic: 0.6,

  // ---- waiting and escalation (desk/waiting.ts) ---------------------------------------------------------------

  /** After a piece of work: waiting for the customer, a vendor or materials, on hold (big tickets), escalated to L2. */
  pauseBelow: { customer: 0.28, vendor: 0.34, onHold: 0.37, escalation: 0.43 },
  /** A note saying the ticket waits for the customer. */
  waitingNote: 0.5,
  /** Waiting for a vendor rather than for materials. */
  waitingForVendor: 0.5,

  // ---- resolution (desk/resolution.ts) ------------------------------------------------------------------------

  /** A resolved ticket whose problem comes back. */
  ticketReopens: 0.04,

  // ---- surveys (desk/survey.ts) -------------------------------------------------------------------------------

  /** A contact who answers the satisfaction survey. */
  surveyAnswered: 0.27,
  /** A survey answered within hours rather than days. */
  surveyAnsweredSoon: 0.6,
  /** The score after a troubled ticket (reopened, closed unanswered, first response late). */
  troubledScore: [
    [5, 30],
    [4, 25],
    [3, 17],
    [2, 15],
    [1, 13],
  ],
  /** The score after a smooth ticket. */
  smoothScore: [
    [5, 63],
    [4, 25],
    [3, 6],
    [2, 3.5],
    [1, 2.5],
  ],
  /** A score under 5 given with a half point more. */
  scoreHalfPointUp: 0.3,
  /** The company question left unanswered. */
  companyRatingSkipped: 0.5,
  /** The contact question left unanswered. */
  contactRatingSkipped: 0.7,
  /** The engineer question left unanswered. */
  resourceRatingSkipped: 0.1,
  /** A comment with a low (1-2) score ... */
  lowScoreComment: 0.75,
  /** ... with a 3 ... */
  midScoreComment: 0.35,
  /** ... with a 4 or 5. */
  highScoreComment: 0.12,
  /** A low score followed up by a call back. */
  lowScoreFollowedUp: 0.6,
  /** The team lead makes the call rather than the engineer. */
  followUpByLead: 0.3,
  /** The call is logged as time. */
  followUpLogged: 0.6,

  // ---- alerts and deletions (desk/alert-ticket.ts, desk/deleted-ticket.ts) ------------------------------------

  /** An alert the RMM clears by itself. */
  alertClearsItself: 0.45,
  /** A cleared alert checked with a few minutes of logged work. */
  clearedAlertChecked: 0.4,
  /** A high alert at night handled by whoever is on call rather than the next morning. */
  nightAlertOnCall: 0.5,
  /** A note saying why a ticket is deleted. */
  deletionNoted: 0.5,
  /** The minutes spent judging a deleted ticket logged as time. */
  deletionReviewLogged: 0.25,

  // ---- notes and time entries (desk/notes.ts, desk/time-entries.ts, desk/internal-time.ts) ---------------------

  /** An engineer's note deleted later (scaled by the size's rareFactor). */
  noteDeleted: 0.0015,
  /** An engineer who writes a whole day's time the next business day (or the one after). */
  timesheetDayLate: 0.03,
  /** A time entry written one to four business days late, at the end of the afternoon. */
  timeWrittenDaysLate: 0.07,
  /** Billing: below `asWorked` time is billed as worked; up to `writtenDown` it is written down, else rounded up. */
  billingBelow: { asWorked: 0.9, writtenDown: 0.925 },
  /** A time entry without a billing code, then one billed for more than worked (scaled by rareFactor, cumulative). */
  slipBelow: { noBillingCode: 0.0012, overBilled: 0.0024 },
  /** A time entry deleted later (scaled by rareFactor). */
  timeEntryDeleted: 0.003,
  /** A time entry edited later (scaled by rareFactor) ... */
  timeEntryEdited: 0.04,
  /** ... and made a quarter of an hour longer. */
  timeEditLonger: 0.5,
  /** Ticket time never approved by finance. */
  timeNeverApproved: 0.01,
  /** Ticket time approved a week later than the first Tuesday. */
  approvalSlipsAWeek: 0.04,
  /** A timesheet left with only the ticket time on a day. */
  timesheetLeftEmpty: 0.06,
  /** A timer left running overnight (scaled by rareFactor). */
  timerLeftRunning: 0.002,

  // ---- the business beyond the desk (assets.ts, sales.ts, billing.ts, projects.ts) ----------------------------

  /** Workstations replaced per workstation per business day (about one in three per year). */
  workstationReplacedPerDay: 0.0012,
  /** A replaced workstation retired (the rest were extra). */
  replacedWorkstationRetired: 0.75,
  /** A device registered twice and its duplicate deleted, per day (scaled by rareFactor). */
  duplicateDeviceDeleted: 0.04,
  /** Opportunities opened per client per business day. */
  opportunityOpenedPerDay: 0.02,
  /** An opportunity for new business with a lead or prospect rather than a client. */
  opportunityIsNewBusiness: 0.25,
  /** An opportunity moved to needs analysis the next day. */
  opportunityNeedsAnalysis: 0.6,
  /** An opportunity's outcome: won, lost, not ready; the rest drag on and are lost for want of an answer. */
  outcomeBelow: { won: 0.42, lost: 0.85, notReady: 0.9 },
  /** A decision late by more than five days moves the projected close date first. */
  closeDateMoved: 0.6,
  /** A quote that runs out while still needed is sent again. */
  quoteRevised: 0.5,
  /** A won opportunity negotiated first. */
  opportunityNegotiated: 0.6,
  /** A won opportunity marked implemented weeks later. */
  opportunityImplemented: 0.3,
  /** An invoice voided (scaled by rareFactor). */
  invoiceVoided: 0.004,
  /** A client on 14-day payment terms rather than 30. */
  paysIn14Days: 0.7,
  /** How late a client pays: around the due date, late, very late; the rest extremely late. */
  payerBelow: { onTime: 0.6, late: 0.88, veryLate: 0.98 },
  /** How a project ends against its budget: within it, over it; the rest badly over. */
  projectBelow: { withinBudget: 0.6, overBudget: 0.85 },
  /** An engineer works on the project's current task on a given day. */
  projectWorkToday: 0.75,
} as const
