import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openSystem } from '../services/system.ts';
import { ENGINE, TEST_KEY_RING, appAsOperator, startTestSystem } from '../test/harness.ts';
import { buildIntake, buildMember, identityOf } from '../test/factories.ts';
import { walk, CLAIM_DATE, type Step } from '../domain/lifecycle/fixtures.ts';
import type { GroupMemberInput } from '../domain/intake/types.ts';

/**
 * The must-have of docs/security.md "Personal data at rest": claimants with distinctive names, dates of
 * birth (before 2000, so no claim or event date can coincide) and document numbers go in through the
 * API, with narratives, an address, eligibility facts and an import report; then every byte the
 * database keeps is searched for them. A control string (the claim reference, in clear by design) must
 * be found by the same search, so the test can fail.
 */

const CLAIMANTS: GroupMemberInput[] = [
  buildMember({ familyName: 'Quetzalcoatlova', givenNames: 'Ximena Bartholomea', dateOfBirth: '1979-05-17', sex: 'F',
    documents: [{ type: 'PASSPORT', number: 'ZQ4471902', issuingCountry: 'HTI' }],
    address: { line1: '4417 rue Wolfenbuttelstrasse', line2: 'app. 9', city: 'Sherbrooke', province: 'QC', postalCode: 'J1H 5N4' } }),
  buildMember({ familyName: 'Oyelaran-Vasquez', givenNames: 'Thaddeus Olumide', dateOfBirth: '1992-11-03', sex: 'M', relationship: 'SPOUSE',
    documents: [{ type: 'NATIONAL_ID', number: 'NID-88120347', issuingCountry: 'HTI' }] }),
  buildMember({ familyName: 'Zhengqiuwei', givenNames: 'Brünhilde', dateOfBirth: '1964-02-29', sex: 'F',
    documents: [{ type: 'TRAVEL_DOCUMENT', number: 'TD 5530 7781', issuingCountry: 'HTI' }] }),
];
const IMPORTED = buildMember({ familyName: 'Marchetti-Kowalczyk', givenNames: 'Evangelina', dateOfBirth: '1987-08-23', sex: 'F',
  documents: [{ type: 'PASSPORT', number: 'MK9902318', issuingCountry: 'HTI' }] });

const TEXTS = {
  reasons: 'Fled after the Kalvorsk militia burned the Ubrecht family farm',
  actorName: 'Philippa Grendelsohn',
  override: 'Searched by phone with NHQ; the clerk Thistlewaite confirmed no prior claim',
  factSource: 'Interview with Cordelia Fairweather-Nkemelu',
  disagreement: 'Reviewed the Quimbleforth affidavit in person',
  courtFile: 'IMM-7731-26',
  certifiedQuestion: 'Whether Obadiah Pemberton may rely on section 110(2)(d)',
  importEcho: 'Vexlandri',
  fileName: 'Sorrentino-Abernathy.ndjson',
};

/** Every form the secrets could take in a file: as typed, upper and lower case, documents normalised, dates as PostgreSQL may write them. */
function needles(): Array<{ what: string; bytes: Buffer }> {
  const out: Array<{ what: string; bytes: Buffer }> = [];
  const text = (what: string, s: string) => {
    for (const form of new Set([s, s.toUpperCase(), s.toLowerCase()])) out.push({ what: `${what} "${form}"`, bytes: Buffer.from(form, 'utf8') });
  };
  for (const p of [...CLAIMANTS, IMPORTED]) {
    text('family name', p.familyName);
    for (const given of p.givenNames.split(' ')) text('given name', given);
    for (const d of p.documents) {
      text('document number', d.number);
      text('normalised document number', d.number.replace(/[\s-]/g, '').toUpperCase());
    }
    const [y, m, d] = p.dateOfBirth.split('-') as [string, string, string];
    for (const form of [p.dateOfBirth, `${y}${m}${d}`, `${m}/${d}/${y}`, `${d}/${m}/${y}`, `${d}.${m}.${y}`, `${d}-${m}-${y}`]) text('date of birth', form);
    // A `date` column stores days since 2000-01-01 as a 4-byte little-endian integer.
    const days = Math.round((Date.parse(`${p.dateOfBirth}T00:00:00Z`) - Date.parse('2000-01-01T00:00:00Z')) / 86_400_000);
    const binary = Buffer.alloc(4);
    binary.writeInt32LE(days);
    out.push({ what: `date of birth ${p.dateOfBirth} as a binary date (${days})`, bytes: binary });
  }
  const address = CLAIMANTS[0]?.address;
  if (address) { text('address', address.line1); text('postal code', address.postalCode ?? ''); }
  for (const [what, value] of Object.entries(TEXTS)) text(what, value);
  return out;
}

async function seed(app: FastifyInstance): Promise<{ reference: string }> {
  const post = async (url: string, payload: unknown, status = 201) => {
    const res = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const [principal, spouse, single] = CLAIMANTS as [GroupMemberInput, GroupMemberInput, GroupMemberInput];
  // A family through the duplicate search, and a claimant whose search was overridden with a reason.
  const family = buildIntake({ members: [principal, spouse] });
  const search = await post('/api/v1/duplicate-searches', { people: family.members.map(identityOf) });
  const group = await post('/api/v1/groups', { ...family, duplicateSearchId: search.searchId });
  await post('/api/v1/groups', { ...buildIntake({ members: [single] }), duplicateOverride: { reason: TEXTS.override } });
  // A search that finds the family again (its candidates are decrypted in memory, the search is stored).
  const again = await post('/api/v1/duplicate-searches', { people: [identityOf(principal)] });
  expect(again.people[0].candidates[0].familyName).toBe(principal.familyName);

  const claim = group.claims[0];
  await post(`/api/v1/claims/${claim.id}/events`, {
    expectedVersion: 1, type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER', name: TEXTS.actorName },
    effectiveDate: family.claimDate, reasons: TEXTS.reasons,
  });
  await post(`/api/v1/claims/${claim.id}/eligibility-assessments`, { claimant: { maritalStatus: 'MARRIED', source: TEXTS.factSource } });
  await post(`/api/v1/claims/${claim.id}/events`, {
    expectedVersion: 2, type: 'eligibility.eligible_referred', actor: { role: 'CBSA_OFFICER' }, effectiveDate: family.claimDate,
    eligibility: { facts: { claim: { cameFromUS: false } }, disagreementReason: TEXTS.disagreement },
  });

  // An import: a claim whose events carry a court file number and a certified question, and a broken line the report quotes.
  const steps: Step[] = ['eligibility.examination_started', 'eligibility.eligible_referred', 'boc.received',
    { type: 'rpd.rejected', details: { flags: ['NCB'] } }, { type: 'fc.leave_applied', details: { courtFileNumber: TEXTS.courtFile } },
    'fc.leave_granted', { type: 'fc.jr_dismissed', details: { certifiedQuestion: TEXTS.certifiedQuestion } }];
  const events = walk(steps).events.slice(1).map((event) => ({ memberIndex: 0, event }));
  const file = [
    JSON.stringify({ intake: buildIntake({ claimDate: CLAIM_DATE, members: [IMPORTED] }), events }),
    TEXTS.importEcho,
  ].join('\n');
  const imported = await app.inject({ method: 'POST', url: `/api/v1/imports?fileName=${TEXTS.fileName}&batchSize=1`, payload: file, headers: { 'content-type': 'application/x-ndjson' } });
  expect(imported.statusCode, imported.body).toBe(201);
  expect(imported.json()).toMatchObject({ claimsWritten: 1, eventsWritten: 8, fileName: TEXTS.fileName });
  expect(imported.json().errors[0].message).toContain(TEXTS.importEcho);

  // Everything reads back in clear through the API.
  const read = (await app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}` })).json();
  expect(read.person).toMatchObject({ familyName: principal.familyName, dateOfBirth: principal.dateOfBirth, documents: principal.documents, address: principal.address });
  const history = (await app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/events` })).json();
  expect(history.events[1]).toMatchObject({ reasons: TEXTS.reasons, actor: { name: TEXTS.actorName } });
  const assessments = (await app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/eligibility-assessments` })).json();
  expect(assessments.map((a: { facts: { claimant: { source?: string; dateOfBirth: string } } }) => a.facts.claimant.dateOfBirth)).toEqual([principal.dateOfBirth, principal.dateOfBirth]);
  expect(assessments.some((a: { facts: { claimant: { source?: string } } }) => a.facts.claimant.source === TEXTS.factSource)).toBe(true);
  const report = (await app.inject({ method: 'GET', url: `/api/v1/imports/${imported.json().id}` })).json();
  expect(report.fileName).toBe(TEXTS.fileName);
  const importedClaim = (await app.inject({ method: 'GET', url: `/api/v1/claims?officeCode=QC-LACOLLE&claimDateFrom=${CLAIM_DATE}&claimDateTo=${CLAIM_DATE}` })).json().items[0];
  const importedHistory = (await app.inject({ method: 'GET', url: `/api/v1/claims/${importedClaim.id}/events` })).json().events;
  expect(importedHistory.map((e: { details: Record<string, unknown> }) => e.details.courtFileNumber ?? e.details.certifiedQuestion).filter(Boolean))
    .toEqual([TEXTS.courtFile, TEXTS.certifiedQuestion]);
  return { reference: claim.reference };
}

function search(haystacks: Array<{ name: string; bytes: Buffer }>, reference: string): { found: string[]; controlFound: boolean } {
  const found = needles().flatMap((n) => haystacks.filter((h) => h.bytes.includes(n.bytes)).map((h) => `${n.what} in ${h.name}`));
  const controlFound = haystacks.some((h) => h.bytes.includes(Buffer.from(reference, 'utf8')));
  return { found, controlFound };
}

function filesUnder(dir: string): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ name: path.slice(dir.length + 1), bytes: readFileSync(path) }));
}

describe('personal data at rest', () => {
  it('appears in no file of an embedded (PGlite) database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'refuge-at-rest-'));
    try {
      const system = await openSystem({ dataDir: join(dir, 'data') }, { keys: TEST_KEY_RING });
      const { app } = await appAsOperator(system);
      let reference: string;
      try {
        ({ reference } = await seed(app));
      } finally {
        await app.close();
        await system.close();
      }
      const files = filesUnder(join(dir, 'data'));
      expect(files.length).toBeGreaterThan(100);
      const { found, controlFound } = search(files, reference);
      expect(controlFound).toBe(true);
      expect(found).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(ENGINE === 'postgres')('appears nowhere in a pg_dump of the server database', async () => {
    const sys = await startTestSystem();
    try {
      const { reference } = await seed(sys.app);
      const { stdout } = await promisify(execFile)('/usr/bin/pg_dump', ['--no-owner', sys.databaseUrl as string], { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' });
      const { found, controlFound } = search([{ name: 'pg_dump', bytes: stdout }], reference);
      expect(controlFound).toBe(true);
      expect(found).toEqual([]);
    } finally {
      await sys.close();
    }
  });
});
