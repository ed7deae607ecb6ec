import type { Caller } from '../domain/access/policy.ts';

/** How a request reached Refuge, recorded with every audit record: the web app, another API client, or a command. */
export type Channel = 'web' | 'api' | 'cli';

/** Who is asking, and when: passed to every call of the choke point. */
export interface RequestContext {
  caller: Caller;
  requestId: string;
  /** Today's calendar date, for "not in the future" checks (the easternmost Canadian zone). */
  today: string;
  channel: Channel;
}
