import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { withEvent, withoutEvent } from '../../lib/cards/ops';
import { RemoteError } from '../../lib/remote/errors';
import { stableJson } from '../../lib/sync/stable-json';
import { decryptBackup } from '../../lib/transfer/crypto';
import { connectFolder } from '../../lib/webdav/connect';
import { folderFiles } from '../../lib/webdav/files';
import { cardFileName } from '../../lib/webdav/folder-key';
import { startWebDav, type WebDavServer } from '../servers/webdav.mjs';
import { makeCard } from '../unit/card-fixture';
import { FolderBrowser } from '../unit/webdav-sim';

/*
 * The WebDAV folder against a real server (lighttpd with mod_webdav, started on a
 * free localhost port with a throwaway folder): the ETag preconditions the folder
 * relies on, a round trip, two browsers at scale, a server that stops mid-write,
 * a wrong passphrase, and what the server stores.
 */

const USER = 'alice';
const PASSWORD = 'app-password-1';
const PASSPHRASE = 'purple kettle 42';
let server: WebDavServer;
let folderSerial = 0;

beforeAll(async () => {
  server = await startWebDav({ users: { [USER]: PASSWORD } });
});
afterAll(async () => {
  await server?.stop();
});

const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const credentialsFor = (folderUrl: string) => ({ serverUrl: folderUrl, username: USER, password: PASSWORD });
const newFolderUrl = () => `${server.url}sim-keeper-${++folderSerial}/`;

/** Every file of the folder on the server's disk: name → text. */
function storedFiles(folderUrl: string): Record<string, string> {
  const dir = join(server.root, new URL(folderUrl).pathname);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

async function twoBrowsers(folderUrl: string, clock: () => number, fetchOf?: (online: () => boolean) => typeof fetch) {
  const { key } = await connectFolder(credentialsFor(folderUrl), PASSPHRASE, { create: true });
  const files = (online: () => boolean) =>
    folderFiles(credentialsFor(folderUrl), {
      fetch: fetchOf?.(online) ?? ((input, init) => (online() ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')))),
    });
  return [new FolderBrowser('deva', files, key, clock), new FolderBrowser('devb', files, key, clock)] as const;
}

const byId = (cards: Card[]) => stableJson(Object.fromEntries(cards.map((card) => [card.id, card])));

describe('the test server (lighttpd mod_webdav)', () => {
  it('honours If-None-Match: * and If-Match with 412', async () => {
    const url = `${server.url}etag-check.json`;
    const put = (headers: Record<string, string>, body: string) =>
      fetch(url, { method: 'PUT', headers: { Authorization: basic, ...headers }, body });
    const first = await put({ 'If-None-Match': '*' }, 'one');
    expect(first.status).toBe(201);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    expect((await put({ 'If-None-Match': '*' }, 'two')).status).toBe(412);
    expect((await put({ 'If-Match': '"not-the-etag"' }, 'three')).status).toBe(412);
    expect((await put({ 'If-Match': etag }, 'four')).ok).toBe(true);
    expect((await put({ 'If-Match': etag }, 'five')).status).toBe(412);
    expect(await (await fetch(url, { headers: { Authorization: basic } })).text()).toBe('four');
  });

  it('honours If-Match on DELETE with 412', async () => {
    const url = `${server.url}etag-delete.json`;
    const made = await fetch(url, { method: 'PUT', headers: { Authorization: basic, 'If-None-Match': '*' }, body: 'one' });
    const remove = (etag: string) => fetch(url, { method: 'DELETE', headers: { Authorization: basic, 'If-Match': etag } });
    expect((await remove('"not-the-etag"')).status).toBe(412);
    expect((await fetch(url, { headers: { Authorization: basic } })).status).toBe(200);
    expect((await remove(made.headers.get('etag')!)).ok).toBe(true);
    expect((await fetch(url, { headers: { Authorization: basic } })).status).toBe(404);
  });
});

describe('a WebDAV folder on a real server', () => {
  it('round trip: cards and settings written by one browser arrive whole in another', async () => {
    let now = Date.UTC(2026, 2 /* Mar */, 1, 8);
    const [a, b] = await twoBrowsers(newFolderUrl(), () => now);
    a.cards = [makeCard('k1', { label: 'Giffgaff 紫卡', phoneNumber: '+44 7700 900123' }), makeCard('k2')];
    a.cards[0] = withEvent(a.cards[0]!, { kind: 'renewed', id: 'e1', date: '2026-03-02', note: 'top-up £10' }, new Date(now));
    a.settings = { reminderTime: '21:30' };
    expect(a.errors).toEqual([]);
    await a.sync();
    now += 60_000;
    await b.sync();
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(byId(b.cards)).toBe(byId(a.cards));
    expect(b.settings.reminderTime).toBe('21:30');
    // A round with nothing new reads nothing and writes nothing.
    await b.sync();
    expect(b.last).toMatchObject({ read: 0, written: 0 });
  });

  it('two browsers with 500 cards, interleaved renewals, deletes and undos, end with identical cards', async () => {
    let now = Date.UTC(2026, 2 /* Mar */, 1, 8);
    const [a, b] = await twoBrowsers(newFolderUrl(), () => now);
    a.cards = Array.from({ length: 500 }, (_, i) =>
      makeCard(`c${i}`, { label: `Card ${i}`, phoneNumber: `+4477009${String(i).padStart(5, '0')}` }),
    );
    await a.sync();
    await b.sync();
    expect(b.cards).toHaveLength(500);
    const deleted: Card[] = [];
    const everDeleted = new Set<string>();
    const undone = new Set<string>();
    for (let step = 0; step < 30; step++) {
      now += 30_000;
      const at = new Date(now);
      const i = (step * 37) % 500;
      a.cards = a.cards.map((card) =>
        card.id === `c${i}` ? withEvent(card, { kind: 'renewed', id: `ra${step}`, date: '2026-03-20' }, at) : card,
      );
      b.cards = b.cards.map((card) =>
        card.id === `c${i}` ? withEvent(card, { kind: 'renewed', id: `rb${step}`, date: '2026-03-21' }, at) : card,
      );
      if (step % 3 === 0) {
        const victim = b.cards[(step * 11) % b.cards.length]!;
        deleted.push(victim);
        everDeleted.add(victim.id);
        b.cards = b.cards.filter((card) => card.id !== victim.id);
      }
      if (step % 6 === 3) b.cards = [...b.cards, deleted.shift()!];
      if (step % 5 === 4) {
        const card = a.cards.find((c) => c.history.length > 0)!;
        undone.add(card.history.at(-1)!.id);
        a.cards = a.cards.map((c) => (c === card ? withoutEvent(card, card.history.at(-1)!.id, at) : c));
      }
      if (step % 2 === 0) await Promise.all([a.sync(), b.sync()]);
    }
    for (let pass = 0; pass < 3; pass++) {
      await a.sync();
      await b.sync();
    }
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.cards).toHaveLength(500 - deleted.length);
    expect(byId(b.cards)).toBe(byId(a.cards));
    // Every renewal made in either browser is on its card, unless undone. Cards deleted on the way are left out:
    // these browsers have no Recently deleted, through which the background merges a returning card with what
    // this browser recorded on it meanwhile (tests/unit/webdav-service.test.ts).
    let checked = 0;
    for (let step = 0; step < 30; step++) {
      const card = a.cards.find((c) => c.id === `c${(step * 37) % 500}`);
      if (!card || everDeleted.has(card.id)) continue;
      const ids = card.history.map((e) => e.id);
      for (const id of [`ra${step}`, `rb${step}`]) expect(ids.includes(id), `${id} on ${card.id}`).toBe(!undone.has(id));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('writes that meet another browser’s write (412) are read again and merged', async () => {
    let now = Date.UTC(2026, 2 /* Mar */, 1, 8);
    let refused = 0;
    const counting = (online: () => boolean) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (!online()) throw new TypeError('fetch failed');
        const response = await fetch(input, init);
        if (response.status === 412) refused++;
        return response;
      }) as typeof fetch;
    const [a, b] = await twoBrowsers(newFolderUrl(), () => now, counting);
    a.cards = [makeCard('shared')];
    await a.sync();
    await b.sync();
    for (let i = 0; i < 5; i++) {
      now += 1_000;
      a.cards = [withEvent(a.cards[0]!, { kind: 'renewed', id: `a${i}`, date: '2026-03-05' }, new Date(now))];
      b.cards = [withEvent(b.cards[0]!, { kind: 'renewed', id: `b${i}`, date: '2026-03-06' }, new Date(now))];
      await Promise.all([a.sync(), b.sync()]);
    }
    await a.sync();
    await b.sync();
    expect(refused).toBeGreaterThan(0);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.cards[0]!.history).toHaveLength(10);
    expect(byId(b.cards)).toBe(byId(a.cards));
  });

  it('a server stopped in the middle of a round loses nothing, and the browsers converge when it is back', async () => {
    let now = Date.UTC(2026, 2 /* Mar */, 1, 8);
    let puts = 0;
    let stopAfter = Number.POSITIVE_INFINITY;
    const stopping = (online: () => boolean) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (!online()) throw new TypeError('fetch failed');
        if (init?.method === 'PUT' && ++puts === stopAfter) await server.pause();
        return fetch(input, init);
      }) as typeof fetch;
    const [a, b] = await twoBrowsers(newFolderUrl(), () => now, stopping);
    a.cards = Array.from({ length: 20 }, (_, i) => makeCard(`s${i}`));
    stopAfter = puts + 8;
    await a.sync();
    expect(a.errors.at(-1)).toMatch(/unreachable/);
    expect(a.cards).toHaveLength(20);
    await server.resume();
    now += 60_000;
    b.cards = [makeCard('from-b')];
    await b.sync();
    await a.sync();
    await b.sync();
    expect(a.cards).toHaveLength(21);
    expect(byId(b.cards)).toBe(byId(a.cards));
  });

  it('a tombstone file older than 60 days is deleted (with If-Match); a fresher one stays', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    let now = Date.UTC(2026, 2 /* Mar */, 1, 8);
    const deletes: { name: string; ifMatch: string | null }[] = [];
    const watching = (online: () => boolean) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (!online()) throw new TypeError('fetch failed');
        if (init?.method === 'DELETE')
          deletes.push({ name: String(input).split('/').at(-1)!, ifMatch: new Headers(init.headers).get('If-Match') });
        return fetch(input, init);
      }) as typeof fetch;
    const folderUrl = newFolderUrl();
    const [a, b] = await twoBrowsers(folderUrl, () => now, watching);
    a.cards = [makeCard('old'), makeCard('fresh'), makeCard('kept')];
    await a.sync();
    await b.sync();
    const cardFiles = () => Object.keys(storedFiles(folderUrl)).filter((name) => name.startsWith('c-'));
    const [oldFile, freshFile, keptFile] = await Promise.all(['old', 'fresh', 'kept'].map(cardFileName));
    expect(cardFiles().sort()).toEqual([oldFile, freshFile, keptFile].sort());
    a.cards = a.cards.filter((card) => card.id !== 'old');
    await a.sync();
    now += 30 * DAY;
    a.cards = a.cards.filter((card) => card.id !== 'fresh');
    await a.sync();
    await b.sync();
    expect(b.cards.map((card) => card.id)).toEqual(['kept']);
    now += 31 * DAY;
    await a.sync();
    await b.sync();
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    // Only the old tombstone went, once, and only as the version read.
    expect(deletes).toEqual([{ name: oldFile, ifMatch: expect.stringMatching(/^"/) }]);
    expect(cardFiles().sort()).toEqual([freshFile, keptFile].sort());
    expect(a.cards.map((card) => card.id)).toEqual(['kept']);
    expect(b.cards.map((card) => card.id)).toEqual(['kept']);
  });

  it('a browser joining with cards the folder deleted is held, writes nothing, and applies the choices', async () => {
    const folderUrl = newFolderUrl();
    let now = Date.UTC(2026, 2 /* Mar */, 1, 8);
    const [a, b] = await twoBrowsers(folderUrl, () => now);
    const cards = ['Lyca', 'EE', 'Vodafone', 'Three', 'Giffgaff'].map((label, i) => makeCard(`c${i}`, { label }));
    a.cards = cards;
    await a.sync();
    now += 60_000;
    a.cards = cards.slice(4);
    await a.sync();
    now += 60_000;
    // The same backup imported in a new browser, which then connects.
    b.cards = cards;
    const files = storedFiles(folderUrl);
    await b.sync();
    expect(b.errors).toEqual([]);
    expect(b.held?.deleteHere.map((card) => card.id).sort()).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(storedFiles(folderUrl)).toEqual(files);
    expect(b.cards).toBe(cards);
    b.confirm({ keep: ['c0', 'c1'], remove: ['c2', 'c3'] });
    now += 60_000;
    await b.sync();
    expect(b.held).toBeUndefined();
    await a.sync();
    expect(a.cards.map((card) => card.id).sort()).toEqual(['c0', 'c1', 'c4']);
    expect(byId(b.cards)).toBe(byId(a.cards));
  });

  it('a wrong passphrase is refused with its own error, and nothing is written', async () => {
    const folderUrl = newFolderUrl();
    await connectFolder(credentialsFor(folderUrl), PASSPHRASE, { create: true });
    const before = storedFiles(folderUrl);
    const error = await connectFolder(credentialsFor(folderUrl), 'not the passphrase', { create: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).code).toBe('passphrase');
    expect(storedFiles(folderUrl)).toEqual(before);
  });

  it('the server never sees a card’s name, number or note, and each file opens with the backup recipe', async () => {
    const folderUrl = newFolderUrl();
    const [a] = await twoBrowsers(folderUrl, () => Date.UTC(2026, 2, 1));
    a.cards = [makeCard('secret-id', { label: 'Lebara 紫卡', phoneNumber: '+447700900777', notes: 'PIN 4321' })];
    await a.sync();
    const stored = storedFiles(folderUrl);
    const all = Object.keys(stored).join('\n') + Object.values(stored).join('\n');
    for (const secret of ['Lebara', '紫卡', '\\u7d2b', '7700900777', 'PIN 4321', 'secret-id']) expect(all).not.toContain(secret);
    const cardFile = Object.entries(stored).find(([name]) => name.startsWith('c-'))![1];
    const opened = await decryptBackup(JSON.parse(cardFile), PASSPHRASE);
    expect(opened.ok && JSON.parse(opened.json)['c.secret-id'].card.label).toBe('Lebara 紫卡');
  });
});
