// fixtures/golden/: every file replays through the middleware into the event it records, and the
// factories still produce exactly the checked-in files (what `pnpm golden --check` enforces).
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, createWxAudit } from '@x/wx-audit-middleware';
import { kebabCase } from '../src/cli-push-triggers.js';
import { goldenFiles, type GoldenFile } from '../../../scripts/generate-golden-lib.js';

const dir = fileURLToPath(new URL('../../../fixtures/golden/', import.meta.url));
const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const files = names.map((name) => ({ name, file: JSON.parse(readFileSync(`${dir}${name}`, 'utf8')) as GoldenFile }));

describe('golden files', () => {
  it('cover every mode and format, and the seed example', () => {
    expect(names.length).toBeGreaterThanOrEqual(21);
    for (const mode of ['plain', 'compatible', 'safe']) for (const format of ['xml', 'json']) expect(names).toContain(`scene-audit.${mode}.${format}.json`);
    expect(names).toContain('seed-example.safe.xml.json');
  });

  // Safe mode in the channel's own format for every push; plaintext too where WeChat sends it (Mini Programs, Official Accounts).
  it.each(CATALOGUE.map((d) => d.name))('cover %s in its channel format, safe mode (and plain where its channel allows)', (name) => {
    const definition = CATALOGUE.find((d) => d.name === name)!;
    const stem = `${kebabCase(name)}.`;
    expect(names).toContain(`${stem}safe.${definition.formats[0]}.json`);
    const plain = definition.channels.some((channel) => channel === 'mini-program' || channel === 'official-account');
    expect(names.includes(`${stem}plain.${definition.formats[0]}.json`)).toBe(plain);
    for (const file of files.filter((f) => f.name.startsWith(stem))) expect(file.file.expected.type).toBe(name);
  });

  it.each(files.filter((f) => f.file.kind === 'push'))('$name replays through the middleware', async ({ file }) => {
    const audit = createWxAudit({ ...file.credentials, ...file.receiverOptions, now: () => file.now * 1000 });
    const app = express();
    app.use('/wechat/audit', audit.middleware());
    const rejected: unknown[] = [];
    audit.on('rejected', (r) => rejected.push(r));
    const event = once(audit, file.expected.type) as Promise<[Record<string, unknown>]>;
    const res = await request(app).post(`/wechat/audit${file.request.search}`).set(file.request.headers).send(file.request.body);
    expect(rejected).toEqual([]);
    expect([res.status, res.text]).toEqual([200, 'success']);
    const { type: _type, ...fields } = file.expected;
    expect((await event)[0]).toMatchObject(fields);
    await audit.close();
  });

  it('are what the factories produce today (run `pnpm golden` after an intended change)', () => {
    const wanted = goldenFiles();
    expect([...wanted.keys()].sort()).toEqual(names);
    for (const [name, content] of wanted) expect(readFileSync(`${dir}${name}`, 'utf8'), name).toBe(content);
  });
});
