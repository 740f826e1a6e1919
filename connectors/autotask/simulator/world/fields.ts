import type { EntityInfo, FieldInfo, PicklistValue, SimEntity, UdfInfo } from '../store.js'
import * as P from './picklists.js'
import type { Choice } from './picklists.js'

type DataType = FieldInfo['dataType']
interface FieldOptions {
  choices?: readonly Choice[]
  parentField?: string
  ref?: string
  length?: number
  required?: boolean
  readOnly?: boolean
  notQueryable?: boolean
}
type FieldSpec = readonly [name: string, dataType: DataType, options?: FieldOptions]

function picklist(choices: readonly Choice[]): PicklistValue[] {
  return choices.map(([value, label, parent], i) => ({
    value: String(value),
    label,
    isDefaultValue: i === 0,
    sortOrder: i + 1,
    parentValue: parent === undefined ? null : String(parent),
    isActive: true,
    isSystem: value < 21,
  }))
}

function toFieldInfo([name, dataType, o = {}]: FieldSpec): FieldInfo {
  return {
    name,
    dataType,
    length: dataType === 'string' ? (o.length ?? 100) : 0,
    isRequired: o.required ?? name === 'id',
    isReadOnly: o.readOnly ?? name === 'id',
    isQueryable: !o.notQueryable,
    isReference: o.ref !== undefined,
    referenceEntityType: o.ref ?? '',
    isPickList: o.choices !== undefined,
    picklistValues: o.choices ? picklist(o.choices) : null,
    picklistParentValueField: o.parentField ?? '',
    isSupportedWebhookField: false,
  }
}

const company = { ref: 'Company' }
const resource = { ref: 'Resource' }
const contact = { ref: 'Contact' }
const contract = { ref: 'Contract' }
const ticket = { ref: 'Ticket' }
const text = { length: 8000 }

const SPECS: Record<SimEntity, readonly FieldSpec[]> = {
  Companies: [
    ['id', 'long'],
    ['address1', 'string'],
    ['address2', 'string'],
    ['city', 'string', { length: 30 }],
    ['classification', 'integer', { choices: P.CLASSIFICATION_CHOICES }],
    ['companyName', 'string', { required: true }],
    ['companyNumber', 'string', { length: 50 }],
    ['companyType', 'integer', { choices: P.COMPANY_TYPE_CHOICES, required: true }],
    ['countryID', 'integer', { choices: P.COUNTRY_CHOICES }],
    ['createDate', 'datetime', { readOnly: true }],
    ['createdByResourceID', 'integer', resource],
    ['fax', 'string', { length: 25 }],
    ['isActive', 'boolean'],
    ['lastActivityDate', 'datetime', { readOnly: true }],
    ['lastTrackedModifiedDateTime', 'datetime', { readOnly: true }],
    ['marketSegmentID', 'integer', { choices: P.MARKET_SEGMENT_CHOICES }],
    ['ownerResourceID', 'integer', { ...resource, required: true }],
    ['parentCompanyID', 'integer', company],
    ['phone', 'string', { length: 25, required: true }],
    ['postalCode', 'string', { length: 10 }],
    ['state', 'string', { length: 25 }],
    ['territoryID', 'integer', { choices: P.TERRITORY_CHOICES }],
    ['webAddress', 'string', { length: 255 }],
  ],
  Contacts: [
    ['id', 'long'],
    ['addressLine', 'string'],
    ['city', 'string', { length: 50 }],
    ['companyID', 'integer', { ...company, required: true }],
    ['countryID', 'integer', { choices: P.COUNTRY_CHOICES }],
    ['createDate', 'datetime', { readOnly: true }],
    ['emailAddress', 'string', { length: 254 }],
    ['extension', 'string', { length: 10 }],
    ['firstName', 'string', { length: 50, required: true }],
    ['isActive', 'integer', { required: true }],
    ['lastActivityDate', 'datetime', { readOnly: true }],
    ['lastModifiedDate', 'datetime', { readOnly: true }],
    ['lastName', 'string', { length: 50, required: true }],
    ['mobilePhone', 'string', { length: 25 }],
    ['phone', 'string', { length: 25 }],
    ['primaryContact', 'boolean'],
    ['surveyOptOut', 'boolean'],
    ['title', 'string', { length: 50 }],
    ['zipCode', 'string', { length: 20 }],
  ],
  Resources: [
    ['id', 'long'],
    ['defaultServiceDeskRoleID', 'long', { choices: P.ROLE_CHOICES }],
    ['email', 'string', { length: 254 }],
    ['firstName', 'string', { length: 50 }],
    ['hireDate', 'datetime'],
    ['initials', 'string', { length: 3 }],
    ['internalCost', 'decimal'],
    ['isActive', 'boolean'],
    ['lastName', 'string', { length: 50 }],
    ['locationID', 'integer', { choices: P.LOCATION_CHOICES }],
    ['mobilePhone', 'string', { length: 25 }],
    ['officeExtension', 'string', { length: 10 }],
    ['officePhone', 'string', { length: 25 }],
    ['resourceType', 'string', { length: 15 }],
    ['surveyResourceRating', 'decimal', { readOnly: true }],
    ['title', 'string', { length: 50 }],
    ['userName', 'string', { length: 32 }],
  ],
  Contracts: [
    ['id', 'long'],
    ['companyID', 'integer', { ...company, required: true }],
    ['contactID', 'integer', contact],
    ['contactName', 'string'],
    ['contractCategory', 'integer', { choices: P.CONTRACT_CATEGORY_CHOICES }],
    ['contractName', 'string', { required: true }],
    ['contractNumber', 'string', { length: 50 }],
    ['contractPeriodType', 'integer'],
    ['contractType', 'integer', { choices: P.CONTRACT_TYPE_CHOICES, required: true }],
    ['description', 'string', { length: 2000 }],
    ['endDate', 'datetime', { required: true }],
    ['estimatedCost', 'decimal'],
    ['estimatedHours', 'decimal'],
    ['estimatedRevenue', 'decimal'],
    ['isDefaultContract', 'boolean'],
    ['serviceLevelAgreementID', 'integer', { choices: P.SLA_CHOICES }],
    ['setupFee', 'decimal'],
    ['startDate', 'datetime', { required: true }],
    ['status', 'integer', { choices: P.CONTRACT_STATUS_CHOICES, required: true }],
  ],
  Tickets: [
    ['id', 'long'],
    ['assignedResourceID', 'integer', resource],
    ['assignedResourceRoleID', 'integer', { choices: P.ROLE_CHOICES }],
    ['billingCodeID', 'integer', { choices: P.BILLING_CODE_CHOICES }],
    ['companyID', 'integer', { ...company, required: true }],
    ['completedByResourceID', 'integer', resource],
    ['completedDate', 'datetime', { readOnly: true }],
    ['configurationItemID', 'integer'],
    ['contactID', 'integer', contact],
    ['contractID', 'integer', contract],
    ['createDate', 'datetime', { readOnly: true }],
    ['createdByContactID', 'integer', { ...contact, readOnly: true }],
    ['creatorResourceID', 'integer', { ...resource, readOnly: true }],
    ['creatorType', 'integer', { choices: P.CREATOR_TYPE_CHOICES, readOnly: true, notQueryable: true }],
    ['description', 'string', text],
    ['dueDateTime', 'datetime', { required: true }],
    ['estimatedHours', 'decimal'],
    ['externalID', 'string', { length: 50 }],
    ['firstResponseAssignedResourceID', 'integer', { ...resource, readOnly: true }],
    ['firstResponseDateTime', 'datetime', { readOnly: true }],
    ['firstResponseDueDateTime', 'datetime', { readOnly: true }],
    ['firstResponseInitiatingResourceID', 'integer', { ...resource, readOnly: true }],
    ['hoursToBeScheduled', 'decimal'],
    ['issueType', 'integer', { choices: P.ISSUE_TYPE_CHOICES }],
    ['lastActivityDate', 'datetime', { readOnly: true }],
    ['lastActivityPersonType', 'integer', { choices: P.CREATOR_TYPE_CHOICES, readOnly: true, notQueryable: true }],
    ['lastActivityResourceID', 'integer', { ...resource, readOnly: true }],
    ['lastCustomerNotificationDateTime', 'datetime', { readOnly: true }],
    ['lastCustomerVisibleActivityDateTime', 'datetime', { readOnly: true }],
    ['lastTrackedModificationDateTime', 'datetime', { readOnly: true }],
    ['monitorID', 'integer'],
    ['previousServiceThermometerRating', 'integer'],
    ['priority', 'integer', { choices: P.PRIORITY_CHOICES, required: true }],
    ['problemTicketId', 'integer', ticket],
    ['projectID', 'integer'],
    ['purchaseOrderNumber', 'string', { length: 50 }],
    ['queueID', 'integer', { choices: P.QUEUE_CHOICES }],
    ['resolution', 'string', text],
    ['resolutionPlanDateTime', 'datetime', { readOnly: true }],
    ['resolutionPlanDueDateTime', 'datetime', { readOnly: true }],
    ['resolvedDateTime', 'datetime', { readOnly: true }],
    ['resolvedDueDateTime', 'datetime', { readOnly: true }],
    ['rmmAlertID', 'string', { length: 50 }],
    ['serviceLevelAgreementHasBeenMet', 'boolean', { readOnly: true }],
    ['serviceLevelAgreementID', 'integer', { choices: P.SLA_CHOICES }],
    ['serviceLevelAgreementPausedNextEventHours', 'decimal', { readOnly: true }],
    ['source', 'integer', { choices: P.SOURCE_CHOICES }],
    ['status', 'integer', { choices: P.STATUS_CHOICES, required: true }],
    ['subIssueType', 'integer', { choices: P.SUB_ISSUE_TYPE_CHOICES, parentField: 'issueType' }],
    ['ticketCategory', 'integer', { choices: P.TICKET_CATEGORY_CHOICES }],
    ['ticketNumber', 'string', { length: 50, readOnly: true }],
    ['ticketType', 'integer', { choices: P.TICKET_TYPE_CHOICES }],
    ['title', 'string', { length: 255, required: true }],
  ],
  TicketNotes: [
    ['id', 'long'],
    ['createDateTime', 'datetime', { readOnly: true }],
    ['createdByContactID', 'integer', { ...contact, readOnly: true }],
    ['creatorResourceID', 'integer', { ...resource, readOnly: true }],
    ['description', 'string', { length: 32000, required: true }],
    ['lastActivityDate', 'datetime', { readOnly: true }],
    ['noteType', 'integer', { choices: P.NOTE_TYPE_CHOICES, required: true }],
    ['publish', 'integer', { choices: P.PUBLISH_CHOICES, required: true }],
    ['ticketID', 'integer', { ...ticket, required: true }],
    ['title', 'string', { length: 250 }],
  ],
  TimeEntries: [
    ['id', 'long'],
    ['billingApprovalDateTime', 'datetime', { readOnly: true }],
    ['billingApprovalLevelMostRecent', 'integer', { choices: P.APPROVAL_LEVEL_CHOICES, readOnly: true }],
    ['billingApprovalResourceID', 'integer', { ...resource, readOnly: true }],
    ['billingCodeID', 'integer', { choices: P.BILLING_CODE_CHOICES }],
    ['contractID', 'integer', contract],
    ['createDateTime', 'datetime', { readOnly: true }],
    ['dateWorked', 'datetime', { required: true }],
    ['endDateTime', 'datetime'],
    ['hoursToBill', 'decimal'],
    ['hoursWorked', 'decimal'],
    ['internalNotes', 'string', text],
    ['isNonBillable', 'boolean'],
    ['lastModifiedDateTime', 'datetime', { readOnly: true }],
    ['offsetHours', 'decimal'],
    ['resourceID', 'integer', { ...resource, required: true }],
    ['roleID', 'integer', { choices: P.ROLE_CHOICES, required: true }],
    ['showOnInvoice', 'boolean'],
    ['startDateTime', 'datetime'],
    ['summaryNotes', 'string', text],
    ['taskID', 'integer'],
    ['ticketID', 'integer', ticket],
    ['timeEntryType', 'integer', { choices: P.TIME_ENTRY_TYPE_CHOICES, readOnly: true }],
  ],
  Surveys: [
    ['id', 'long'],
    ['description', 'string', { length: 1000 }],
    ['displayName', 'string'],
    ['name', 'string'],
  ],
  SurveyResults: [
    ['id', 'long'],
    ['companyID', 'integer', company],
    ['companyRating', 'decimal'],
    ['completeDate', 'datetime'],
    ['contactID', 'integer', contact],
    ['contactRating', 'decimal'],
    ['resourceRating', 'decimal'],
    ['sendDate', 'datetime'],
    ['surveyID', 'integer', { ref: 'Survey' }],
    ['surveyRating', 'decimal'],
    ['ticketID', 'integer', ticket],
  ],
  ServiceLevelAgreementResults: [
    ['id', 'long'],
    ['firstResponseElapsedHours', 'decimal'],
    ['firstResponseInitiatingResourceID', 'integer', resource],
    ['firstResponseResourceID', 'integer', resource],
    ['isFirstResponseMet', 'boolean'],
    ['isResolutionMet', 'boolean'],
    ['isResolutionPlanMet', 'boolean'],
    ['resolutionElapsedHours', 'decimal'],
    ['resolutionPlanElapsedHours', 'decimal'],
    ['resolutionPlanResourceID', 'integer', resource],
    ['resolutionResourceID', 'integer', resource],
    ['serviceLevelAgreementName', 'string'],
    ['ticketID', 'integer', ticket],
  ],
  DeletedTicketLogs: [
    ['id', 'long'],
    ['deletedByResourceID', 'integer', resource],
    ['deletedDateTime', 'datetime'],
    ['ticketID', 'long'],
    ['ticketNumber', 'string', { length: 50 }],
    ['ticketTitle', 'string', { length: 255 }],
  ],
  DeletedTicketActivityLogs: [
    ['id', 'long'],
    ['activityDateTime', 'datetime'],
    ['createdByResourceID', 'integer', resource],
    ['deletedByResourceID', 'integer', resource],
    ['deletedDateTime', 'datetime'],
    ['endDateTime', 'datetime'],
    ['hoursWorked', 'decimal'],
    ['noteOrAttachmentTitle', 'string', { length: 250 }],
    ['startDateTime', 'datetime'],
    ['ticketID', 'long'],
    ['ticketNumber', 'string', { length: 50 }],
    ['typeID', 'integer', { choices: P.DELETED_ACTIVITY_TYPE_CHOICES }],
  ],
}

export const FIELDS: Readonly<Record<SimEntity, readonly FieldInfo[]>> = Object.fromEntries(
  Object.entries(SPECS).map(([entity, specs]) => [entity, specs.map(toFieldInfo)]),
) as unknown as Record<SimEntity, readonly FieldInfo[]>

const udf = (name: string, type: UdfInfo['type'], description: string): UdfInfo => ({
  name,
  label: name,
  type,
  description,
  defaultValue: null,
  isRequired: false,
})

export const UDFS: Readonly<Record<SimEntity, readonly UdfInfo[]>> = {
  Companies: [
    udf('Seats', 'integer', 'Licensed users under management'),
    udf('Endpoints', 'integer', 'Managed devices'),
  ],
  Contacts: [],
  Resources: [],
  Contracts: [
    udf('Monthly Value', 'decimal', 'Recurring revenue per month in EUR'),
    udf('Hours Purchased', 'decimal', 'Block hours bought for the current term'),
  ],
  Tickets: [],
  TicketNotes: [],
  TimeEntries: [],
  Surveys: [],
  SurveyResults: [],
  ServiceLevelAgreementResults: [],
  DeletedTicketLogs: [],
  DeletedTicketActivityLogs: [],
}

type Access = 'c' | 'u' | 'd'
const ACCESS: Record<SimEntity, readonly Access[]> = {
  Companies: ['c', 'u'],
  Contacts: ['c', 'u', 'd'],
  Resources: [],
  Contracts: ['c', 'u'],
  Tickets: ['c', 'u'],
  TicketNotes: ['c', 'u'],
  TimeEntries: ['c', 'u', 'd'],
  Surveys: [],
  SurveyResults: [],
  ServiceLevelAgreementResults: [],
  DeletedTicketLogs: [],
  DeletedTicketActivityLogs: [],
}

const WEBHOOKS: ReadonlySet<SimEntity> = new Set(['Companies', 'Contacts', 'Tickets', 'TicketNotes'])

export function entityInfo(name: SimEntity): EntityInfo {
  const access = ACCESS[name]
  const level = (a: Access) => (access.includes(a) ? 'All' : 'None')
  return {
    name,
    canCreate: access.includes('c'),
    canDelete: access.includes('d'),
    canQuery: true,
    canUpdate: access.includes('u'),
    userAccessForCreate: level('c'),
    userAccessForDelete: level('d'),
    userAccessForQuery: 'All',
    userAccessForUpdate: level('u'),
    hasUserDefinedFields: UDFS[name].length > 0 || name === 'Tickets' || name === 'Contacts',
    supportsWebhookCallouts: WEBHOOKS.has(name),
  }
}
