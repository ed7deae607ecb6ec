import { describe, it, expect } from 'vitest';
import { EVENT_INFO } from '../../src/domain/lifecycle/events.ts';
import { EVENT_DETAILS, VALUE_LABELS, detailsOf, type DetailField } from '../src/work/eventDetails.ts';

interface JsonSchema {
  type?: string; format?: string; enum?: string[]; items?: JsonSchema; anyOf?: JsonSchema[]; maxItems?: number; maxLength?: number;
  properties?: Record<string, JsonSchema>; required?: string[];
}

/** The form field the domain's schema of one detail calls for. */
function fieldFor(key: string, schema: JsonSchema, required: boolean): DetailField {
  const s = schema.anyOf?.find((x) => x.type !== 'null') ?? schema;
  if (s.enum) return { key, kind: 'choice', values: s.enum, required };
  if (s.type === 'array' && s.items?.enum) return { key, kind: 'choices', values: s.items.enum, required, ...(s.maxItems ? { max: s.maxItems } : {}) };
  if (s.type === 'boolean') return { key, kind: 'yes-no', required: false };
  if (s.format === 'date') return { key, kind: 'date', required: false };
  return { key, kind: 'text', required: false, ...(s.maxLength ? { maxLength: s.maxLength } : {}) };
}

describe('the event forms of the web app', () => {
  it('ask for exactly the details each event takes in the domain (src/domain/lifecycle/events.ts)', () => {
    const fromDomain: Record<string, DetailField[]> = {};
    for (const [type, info] of Object.entries(EVENT_INFO)) {
      const schema = info.detailsSchema as JsonSchema;
      const fields = Object.entries(schema.properties ?? {}).map(([key, s]) => fieldFor(key, s, (schema.required ?? []).includes(key)));
      if (type !== 'claim.made' && fields.length > 0) fromDomain[type] = fields;
    }
    expect(EVENT_DETAILS).toEqual(fromDomain);
  });

  it('label every value a person picks from a list, except the IRPA 101(1) ground ids, which are the labels', () => {
    const values = new Set(Object.values(EVENT_DETAILS).flat().flatMap((f) => (f.kind === 'choice' || f.kind === 'choices' ? f.values : [])));
    expect([...values].filter((v) => !(v in VALUE_LABELS) && !v.startsWith('EL-'))).toEqual([]);
  });

  it('send only what was given: lists always when required, yes/no as booleans, trimmed text', () => {
    expect(detailsOf('rpd.rejected', {})).toEqual({ flags: [] });
    expect(detailsOf('rpd.rejected', { flags: ['NCB'], determinativeIssues: [] })).toEqual({ flags: ['NCB'] });
    expect(detailsOf('prra.notified', { restricted: 'no' })).toEqual({ restricted: false });
    expect(detailsOf('prra.notified', { restricted: '' })).toEqual({});
    expect(detailsOf('fc.leave_applied', { courtFileNumber: '  IMM-123-26 ' })).toEqual({ courtFileNumber: 'IMM-123-26' });
    expect(detailsOf('eligibility.examination_started', { reason: 'ID_REFERRAL' })).toEqual({});
  });
});
