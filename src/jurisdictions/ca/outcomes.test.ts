import { describe, expect, it } from 'vitest';
import { RAD_OUTCOMES, RAD_OUTCOME_INFO, RPD_OUTCOMES, RPD_OUTCOME_INFO, rpdOutcomeOfEvent } from './outcomes.ts';

describe('outcomes', () => {
  it('has the four RPD categories of the IRB tables, labelled in both languages', () => {
    expect(RPD_OUTCOMES).toEqual(['ACCEPTED', 'REJECTED', 'ABANDONED', 'WITHDRAWN_OTHER']);
    expect(RPD_OUTCOMES.map((o) => RPD_OUTCOME_INFO[o].irbColumn.en)).toEqual([
      'Accepted', 'Rejected', 'Abandoned', 'Withdrawn and Other',
    ]);
    expect(RPD_OUTCOME_INFO.ABANDONED.labels).toEqual({ en: 'Abandoned', fr: 'Désistement' });
    for (const o of RPD_OUTCOMES) {
      const i = RPD_OUTCOME_INFO[o];
      for (const l of [i.labels, i.irbColumn]) {
        expect(l.en.trim()).not.toBe('');
        expect(l.fr.trim()).not.toBe('');
      }
    }
  });

  it('maps finalizing events to categories', () => {
    expect(rpdOutcomeOfEvent('rpd.accepted')).toBe('ACCEPTED');
    expect(rpdOutcomeOfEvent('rpd.rejected')).toBe('REJECTED');
    expect(rpdOutcomeOfEvent('rpd.declared_abandoned')).toBe('ABANDONED');
    expect(rpdOutcomeOfEvent('claimant.withdrew')).toBe('WITHDRAWN_OTHER');
    expect(rpdOutcomeOfEvent('boc.received')).toBeUndefined();
    expect(rpdOutcomeOfEvent('')).toBeUndefined();
  });

  it('has the six RAD categories, three non-merit and three merit', () => {
    expect(RAD_OUTCOMES.length).toBe(6);
    expect(RAD_OUTCOMES.filter((o) => RAD_OUTCOME_INFO[o].merit)).toEqual([
      'DISMISSED_CONFIRMED', 'ALLOWED_REFERRED_BACK', 'ALLOWED_SUBSTITUTED',
    ]);
    expect(RAD_OUTCOMES.filter((o) => RAD_OUTCOME_INFO[o].allowed)).toEqual(['ALLOWED_REFERRED_BACK', 'ALLOWED_SUBSTITUTED']);
    expect(RAD_OUTCOME_INFO.DISMISSED_NOT_PERFECTED.labels).toEqual({
      en: 'Dismissed – Appeal not perfected',
      fr: 'Rejeté – Appel non mis en état',
    });
    for (const o of RAD_OUTCOMES) {
      expect(RAD_OUTCOME_INFO[o].labels.en.trim()).not.toBe('');
      expect(RAD_OUTCOME_INFO[o].labels.fr.trim()).not.toBe('');
    }
  });
});
