import type { Migration } from 'kysely'
import * as psaSource from './001-psa-source.js'
import * as companiesContacts from './002-companies-contacts.js'
import * as resources from './003-resources.js'
import * as contracts from './004-contracts.js'
import * as tickets from './005-tickets.js'
import * as timeEntries from './006-time-entries.js'
import * as surveys from './007-surveys.js'
import * as slaResults from './008-sla-results.js'
import * as picklistsDeletions from './009-picklists-deletions.js'
import * as syncState from './010-sync-state.js'
import * as entityFields from './011-entity-fields.js'
import * as dashboards from './012-dashboards.js'
import * as access from './013-access.js'
import * as kpiIndexes from './014-kpi-indexes.js'
import * as packages from './015-packages.js'
import * as deferredIndexes from './016-deferred-indexes.js'
import * as loginGuard from './017-login-guard.js'
import * as syncLock from './018-sync-lock.js'
import * as configurationItems from './019-configuration-items.js'
import * as sales from './020-sales.js'
import * as invoices from './021-invoices.js'
import * as projects from './022-projects.js'
import * as kpiParamsV2 from './023-kpi-params-v2.js'
import * as kpiIndexesV2 from './024-kpi-indexes-v2.js'
import * as ackModes from './025-ack-modes.js'
import * as psaWebUrl from './026-psa-web-url.js'
import * as mspSettings from './027-msp-settings.js'
import * as tokenLang from './028-token-lang.js'
import * as autotaskWebhooks from './029-autotask-webhooks.js'
import * as webhookCallouts from './030-webhook-callouts.js'
import * as smileBackReviews from './031-smileback-reviews.js'
import * as nudges from './032-nudges.js'
import * as apiBudget from './033-api-budget.js'
import * as kpiHistory from './034-kpi-history.js'
import * as goalPaths from './035-goal-paths.js'
import * as mail from './036-mail.js'
import * as psaNeutralTickets from './037-psa-neutral-tickets.js'
import * as opportunityOutcome from './038-opportunity-outcome.js'

// Listed by hand, not globbed, so the same code runs under tsx, a bundler and the tests.
export const migrations: Record<string, Migration> = {
  '001-psa-source': psaSource,
  '002-companies-contacts': companiesContacts,
  '003-resources': resources,
  '004-contracts': contracts,
  '005-tickets': tickets,
  '006-time-entries': timeEntries,
  '007-surveys': surveys,
  '008-sla-results': slaResults,
  '009-picklists-deletions': picklistsDeletions,
  '010-sync-state': syncState,
  '011-entity-fields': entityFields,
  '012-dashboards': dashboards,
  '013-access': access,
  '014-kpi-indexes': kpiIndexes,
  '015-packages': packages,
  '016-deferred-indexes': deferredIndexes,
  '017-login-guard': loginGuard,
  '018-sync-lock': syncLock,
  '019-configuration-items': configurationItems,
  '020-sales': sales,
  '021-invoices': invoices,
  '022-projects': projects,
  '023-kpi-params-v2': kpiParamsV2,
  '024-kpi-indexes-v2': kpiIndexesV2,
  '025-ack-modes': ackModes,
  '026-psa-web-url': psaWebUrl,
  '027-msp-settings': mspSettings,
  '028-token-lang': tokenLang,
  '029-autotask-webhooks': autotaskWebhooks,
  '030-webhook-callouts': webhookCallouts,
  '031-smileback-reviews': smileBackReviews,
  '032-nudges': nudges,
  '033-api-budget': apiBudget,
  '034-kpi-history': kpiHistory,
  '035-goal-paths': goalPaths,
  '036-mail': mail,
  '037-psa-neutral-tickets': psaNeutralTickets,
  '038-opportunity-outcome': opportunityOutcome,
}
