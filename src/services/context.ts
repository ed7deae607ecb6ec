import type { Caller } from '../domain/access/policy.ts';

/** Who is asking, and when: passed to every call of the choke point. */
export interface RequestContext {
  caller: Caller;
  requestId: string;
  /** Today's calendar date, for "not in the future" checks (the easternmost Canadian zone). */
  today: string;
}
