import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { loadDemo } from '../cli/demo.ts';
import { importOfficialDirectory } from '../store/officialSeries.ts';
import { DEFAULT_OFFICIAL_DIR } from '../cli/official.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
  await loadDemo(sys.claims, testContext(), { seed: 11, scale: 0.002 });
  await importOfficialDirectory(sys.db, DEFAULT_OFFICIAL_DIR);
});
afterAll(async () => { await sys.close(); });

const get = (url: string) => sys.app.inject({ method: 'GET', url });

describe('GET /api/v1/stats', () => {
  it('answers with the definition, the source and the disclosure rule beside the numbers', async () => {
    const res = await get('/api/v1/stats?measure=claims&dimension=province&from=2023-01-01&to=2023-12-31');
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.definition.en).toContain('one per person');
    expect(a.definition.fr).toContain('une par personne');
    expect(a.disclosure.profile).toBe('IRCC_R5');
    const exact = (await get('/api/v1/stats?measure=claims&dimension=province&from=2023-01-01&to=2023-12-31&disclosure=NONE')).json();
    const { rows } = await sys.db.pool.query("SELECT province, count(*)::int AS n FROM claims WHERE claim_date BETWEEN '2023-01-01' AND '2023-12-31' GROUP BY 1");
    expect(Object.fromEntries(exact.rows.map((r: { value: string; n: number }) => [r.value, r.n]))).toEqual(Object.fromEntries(rows.map((r) => [r.province, r.n])));
    for (const r of a.rows) {
      // Perturbed (each of the 12 month blocks by at most 2), then rounded to 5 or suppressed.
      const n = exact.rows.find((e: { value: string }) => e.value === r.value).n;
      if (r.n === '--') continue;
      expect(r.n % 5).toBe(0);
      expect(Math.abs(r.n - n)).toBeLessThanOrEqual(2 * 12 + 2);
    }
  });

  it('serves CSV', async () => {
    const res = await get('/api/v1/stats?measure=claims&dimension=office_type&from=2024-01-01&to=2024-03-31&series=month&format=csv&disclosure=NONE');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('value,period,n,measure,dimension,from,to,disclosure,definition,source');
    expect(lines.slice(1).every((l) => /^[A-Z_]+,2024-0[123],\d+,claims,office_type,2024-01-01,2024-03-31,NONE,/.test(l))).toBe(true);
  });

  it('refuses a question that makes no sense, naming the field', async () => {
    const res = await get('/api/v1/stats?measure=claims&from=2024-03-01&to=2024-01-01');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('from');
    const rad = await get('/api/v1/stats?measure=rpd_decisions&from=2023-01-01&to=2025-12-31&rate=RAD_ALLOW_RATE');
    expect(rad.statusCode).toBe(422);
    expect(rad.json().code).toBe('rate_not_available');
    const trr = await get('/api/v1/stats?measure=rpd_decisions&dimension=persecution_country&from=2023-01-01&to=2025-12-31&rate=UNHCR_TRR&disclosure=NONE');
    expect(trr.statusCode).toBe(200);
    expect(trr.json().rows.length).toBeGreaterThan(0);
    const bad = await get('/api/v1/stats?measure=claims&from=2024-02-30&to=2024-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'querystring.from', code: 'invalid_date' });
  });
});

describe('saved questions', () => {
  it('lists and runs every saved question on the demo data', async () => {
    const list = (await get('/api/v1/stats/questions')).json();
    expect(list.map((q: { id: string }) => q.id)).toEqual([
      'lacolle-since-july-1', 'us-citizens-first-half-vs-previous-year', 'acceptance-by-persecution-country-last-four-quarters',
      'pending-at-month-ends', 'quebec-land-border-by-month']);
    for (const q of list) {
      const res = await get(`/api/v1/stats/questions/${q.id}`);
      expect(res.statusCode, q.id).toBe(200);
      expect(res.json().answers.length).toBeGreaterThan(0);
    }
  });

  it('answers "Lacolle since July 1 against last year" with exact counts and the change', async () => {
    const res = (await get('/api/v1/stats/questions/lacolle-since-july-1?disclosure=NONE')).json();
    const row = res.answers[0].answer.rows[0];
    const from = res.answers[0].answer.from as string;
    const { rows } = await sys.db.pool.query(`SELECT
      count(*) FILTER (WHERE claim_date BETWEEN $1::date AND $2::date)::int AS now,
      count(*) FILTER (WHERE claim_date BETWEEN ($1::date - interval '1 year')::date AND ($2::date - interval '1 year')::date)::int AS before
      FROM claims WHERE office_code = 'QC-LACOLLE'`, [from, res.asOf]);
    expect(row.value).toBe('QC-LACOLLE');
    expect(row.n).toBe(rows[0].now);
    expect(row.comparison.n).toBe(rows[0].before);
    expect(row.comparison.change).toBe(rows[0].now - rows[0].before);
  });

  it('404s an unknown question', async () => {
    const res = await get('/api/v1/stats/questions/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('question_not_found');
  });
});

describe('official series beside this instance\'s records', () => {
  it('shows IRCC\'s Quebec Border series (latest vintage) beside the instance\'s Quebec land-border claims', async () => {
    const res = (await get('/api/v1/stats/questions/quebec-land-border-by-month?disclosure=NONE')).json();
    expect(res.official.vintage).toBe('2025-07-31');
    expect(res.official.source.licence).toBe('Contains information licensed under the Open Government Licence – Canada');
    const y2022 = res.official.rows.filter((r: { period: string }) => r.period.startsWith('2022-')).reduce((a: number, r: { value: number }) => a + r.value, 0);
    expect(y2022).toBe(39_890);
    expect(res.answers[0].answer.rows[0].value).toBe('QC|LAND_POE');
  });

  it('serves an official series by vintage through the API', async () => {
    const older = (await get('/api/v1/stats/official?series=ircc.asylum.office_type_prov&vintage=2024-02-29&province=QC&officeCategory=Border&from=2022-01&to=2022-12')).json();
    expect(older.vintage).toBe('2024-02-29');
    expect(older.rows.reduce((a: number, r: { value: number }) => a + r.value, 0)).toBe(39_910);
    const missing = await get('/api/v1/stats/official?series=no.such.series');
    expect(missing.statusCode).toBe(404);
  });
});
