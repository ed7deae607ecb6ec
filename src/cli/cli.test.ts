import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/process.ts';
import { createTestDatabase } from '../test/harness.ts';
import { buildIntake } from '../test/factories.ts';
import { resolveConfig } from './config.ts';
import { formulaSafe } from './format.ts';

describe('configuration', () => {
  it('takes flags over environment variables over defaults', () => {
    expect(resolveConfig({}, {})).toEqual({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, dataDir: './data', keyFile: './refuge.keys.json', keysJson: undefined, trustProxy: undefined, oidcProvidersJson: undefined });
    expect(resolveConfig({}, { PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://x@h/db', REFUGE_DATA_DIR: '/srv/refuge', REFUGE_KEY_FILE: '/etc/refuge/keys.json' }))
      .toEqual({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://x@h/db', dataDir: '/srv/refuge', keyFile: '/etc/refuge/keys.json', keysJson: undefined, trustProxy: undefined, oidcProvidersJson: undefined });
    expect(resolveConfig({}, { REFUGE_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(resolveConfig({ port: '9000', dataDir: '/tmp/x', keyFile: '/tmp/k.json' }, { PORT: '8080', REFUGE_DATA_DIR: '/srv/refuge', REFUGE_KEY_FILE: '/etc/k.json', REFUGE_KEYS: '{}' }))
      .toMatchObject({ port: 9000, dataDir: '/tmp/x', keyFile: '/tmp/k.json', keysJson: '{}' });
    expect(() => resolveConfig({ port: 'eighty' }, {})).toThrow('PORT must be a whole number from 0 to 65535, not "eighty".');
  });

  it('quotes CSV cells a spreadsheet would run as formulas', () => {
    expect(formulaSafe('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(formulaSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(formulaSafe('Testerson')).toBe('Testerson');
  });
});

describe('the refuge command', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refuge-cli-'));
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url ?? '', REFUGE_DATA_DIR: join(dir, 'db') };
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file with a bad row: writes the good batch, reports the bad one, exits 1', async () => {
    const file = join(dir, 'claims.ndjson');
    const bad = buildIntake() as unknown as Record<string, unknown>;
    bad.persecutionCountries = ['ZZZ'];
    writeFileSync(file, [JSON.stringify({ intake: buildIntake({ claimDate: '2024-05-05' }) }), JSON.stringify({ intake: bad })].join('\n'));
    const result = await runCli(['import', file, '--batch-size', '1', '--no-progress'], env);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Read 2 records in 2 batch(es): 1 written, 1 rejected; 1 claims and 1 events written; 1 error(s).');
    expect(result.output).toContain('line 2: intake.persecutionCountries[0]: No country has the code "ZZZ".');
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toBe('line,field,code,message\n2,intake.persecutionCountries[0],unknown_country,"No country has the code ""ZZZ""."\n');
  });

  it('exports claims as CSV and NDJSON', async () => {
    const csvPath = join(dir, 'out.csv');
    const csv = await runCli(['export', '--format', 'csv', '--out', csvPath, '--from', '2024-05-05', '--to', '2024-05-05'], env);
    expect(csv.code).toBe(0);
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('reference,id,groupId,relationship,familyName,givenNames,dateOfBirth,sex,citizenships,officeCode,officeType,province,claimDate,persecutionCountries,state,version');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',QC-LACOLLE,LAND_POE,QC,2024-05-05,HTI,CLAIM_MADE,1');
    const nd = await runCli(['export', '--format', 'ndjson', '--state', 'CLAIM_MADE'], env);
    expect(nd.code).toBe(0);
    const records = nd.output.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ claimDate: '2024-05-05', state: 'CLAIM_MADE', citizenships: 'HTI' });
  });

  it('explains a bad option instead of failing obscurely', async () => {
    const result = await runCli(['serve', '--port', 'eighty'], env);
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT must be a whole number from 0 to 65535, not "eighty".');
  });
});
