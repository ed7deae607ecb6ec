import { describe, it, expect } from 'vitest';
import { EVENT_INFO, NARRATIVE_DETAIL_KEYS, DETAIL_CODES } from './events.ts';

interface SchemaNode { type?: string; enum?: unknown; format?: string; pattern?: string; const?: unknown; properties?: Record<string, SchemaNode>; anyOf?: SchemaNode[]; items?: SchemaNode }

/** Detail fields that accept free text: a string with no vocabulary, format or pattern to bound it. */
function freeTextFields(schema: SchemaNode, path = ''): string[] {
  const here = schema.anyOf ? schema.anyOf.flatMap((s) => freeTextFields(s, path)) : [];
  if (schema.type === 'string' && schema.enum === undefined && schema.format === undefined && schema.pattern === undefined && schema.const === undefined) here.push(path);
  for (const [key, child] of Object.entries(schema.properties ?? {})) here.push(...freeTextFields(child, path ? `${path}.${key}` : key));
  if (schema.items) here.push(...freeTextFields(schema.items, `${path}[]`));
  return here;
}

describe('event details', () => {
  it('declare every free-text field as narrative (stored encrypted) or as a code', () => {
    const found = new Set(Object.values(EVENT_INFO).flatMap((info) => freeTextFields(info.detailsSchema as SchemaNode)));
    expect([...found].sort()).toEqual([...NARRATIVE_DETAIL_KEYS, ...DETAIL_CODES].sort());
  });
});
