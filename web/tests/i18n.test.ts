import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fr from '../src/locales/fr.json' with { type: 'json' };

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
    ? sources(join(dir, e.name))
    : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Every English string the app shows: t('…') calls and the label tables passed to t(). */
function englishKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('((?:[^'\\]|\\.)+)'/g)) keys.add(m[1]!.replace(/\\'/g, '\''));
    for (const table of text.matchAll(/_LABELS: Record<string, string> = \{([^}]*)\}/g)) {
      for (const m of table[1]!.matchAll(/:\s*'((?:[^'\\]|\\.)+)'/g)) keys.add(m[1]!);
    }
  }
  return keys;
}

describe('the French catalogue', () => {
  it('translates every English string of the app, and nothing that is gone', () => {
    const keys = englishKeys();
    const catalogue = fr as Record<string, string>;
    expect([...keys].filter((k) => !(k in catalogue))).toEqual([]);
    expect(Object.keys(catalogue).filter((k) => !keys.has(k))).toEqual([]);
    for (const [en, text] of Object.entries(catalogue)) {
      expect(text.trim(), en).not.toBe('');
      // Interpolations survive translation.
      expect([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort(), en).toEqual([...en.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort());
    }
  });
});
