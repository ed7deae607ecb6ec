import type { RetentionPolicy } from '../../domain/retention/index.ts';

/**
 * Canada's retention defaults (domain.md §7). Only the two-year floor is confirmed law; every period
 * marked 'unconfirmed' (❓) is an assumption for an installation to set in its retention
 * configuration (`refuge purge --retention <file>`), after checking its own retention schedule.
 */
export const CANADA_RETENTION: RetentionPolicy = {
  categories: {
    claimPersonalData: {
      period: { length: 10, unit: 'years' },
      countsFrom: 'the claim\'s last event, once the claim is in a closed state',
      confidence: 'unconfirmed',
      basis: 'Privacy Act s.6 and Privacy Regulations s.4 set only a floor (2 years after last administrative use); '
        + 'the institution\'s retention schedule sets the rest. A repeat claim is ineligible (IRPA 101(1)(b), (c)), '
        + 'and the duplicate search can only find people whose identity is still kept: a short period weakens it.',
    },
    duplicateSearches: {
      period: { length: 90, unit: 'days' },
      countsFrom: 'the search',
      confidence: 'unconfirmed',
      basis: 'A search is evidence for an intake within 24 hours; the intake keeps the search id and the audit log keeps who searched and what was found.',
    },
    expiredSessions: {
      period: { length: 0, unit: 'days' },
      countsFrom: 'the session\'s expiry (sessions, pending second factors, OpenID Connect flows)',
      confidence: 'unconfirmed',
      basis: 'An expired session signs no one in; sign-ins and sign-outs are in the audit log.',
    },
    signInFailures: {
      period: { length: 90, unit: 'days' },
      countsFrom: 'the failed attempt',
      confidence: 'unconfirmed',
      basis: 'Throttling counts minutes; the rest serves the investigation of an attack (TBS Policy on Privacy Protection: breach management).',
    },
    idempotencyKeys: {
      period: { length: 30, unit: 'days' },
      countsFrom: 'the request',
      confidence: 'unconfirmed',
      basis: 'A retry comes within minutes or hours; a month is ample.',
    },
    importReports: {
      period: { length: 1, unit: 'years' },
      countsFrom: 'the import',
      confidence: 'unconfirmed',
      basis: 'Row-level reports quote the rows that failed; the claims imported are in the ledger and the import itself in the audit log.',
    },
    auditLog: {
      period: null,
      countsFrom: 'the action',
      confidence: 'confirmed',
      basis: 'domain.md §7.3 item 3: the audit log is retained longer than the data it records; it holds ids, never names.',
    },
  },
  // Finally decided, withdrawn, abandoned, returned, removed or departed: nothing more is expected of
  // the claim, and its clock starts at its last event. Protected persons keep theirs (cessation and
  // vacation can come years later); removal orders in force and PRRAs are still being enforced. ❓
  closedStates: [
    'INELIGIBLE', 'INELIGIBLE_STCA_RETURNED', 'RPD_REJECTED', 'RPD_ABANDONED', 'RPD_WITHDRAWN', 'RPD_TERMINATED_104',
    'RAD_DISMISSED_CONFIRMED', 'RAD_DISMISSED_NON_MERIT', 'PROTECTION_CEASED', 'PROTECTION_VACATED', 'REMOVED', 'DEPARTED', 'OTHER_STATUS',
  ],
  // Privacy Regulations s.4(1)(a): at least two years after the last time it was used for an administrative purpose. ✅
  minimumPersonalDataPeriod: { length: 2, unit: 'years' },
};
