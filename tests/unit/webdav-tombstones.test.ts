import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msOfClock } from '../../lib/sync/clock';
import { isAlive } from '../../lib/sync/entry';
import { readItems } from '../../lib/sync/items';
import { TOMBSTONE_DAYS, TOMBSTONE_MS } from '../../lib/sync/limits';
import { reviewIds } from '../../lib/sync/review';
import type { FolderFiles } from '../../lib/webdav/files';
import { MANIFEST_NAME, SETTINGS_FILE } from '../../lib/webdav/folder-key';
import { makeCard } from './card-fixture';
import { runs } from './property-runs';
import { FolderBrowser, type MemoryFolder, newMemoryFolder } from './webdav-sim';

/*
 * Tombstones in the WebDAV folder: a deleted card's file is removed once the deletion
 * is older than browser sync keeps one (60 days), only if it is still the version read
 * (If-Match); and a browser away longer than that has its first round back reviewed
 * (lib/sync/review.ts) and held, writing nothing, until the user chooses per card.
 */

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 2 /* Mar */, 1, 8);

/** The folder's card files (neither the manifest nor the settings). */
const dataFiles = (folder: MemoryFolder) => [...folder.files.keys()].filter((name) => name !== MANIFEST_NAME && name !== SETTINGS_FILE);

async function setUp() {
  const { folder, key } = await newMemoryFolder();
  let now = START;
  const clock = { at: () => now, pass: (ms: number) => (now += ms) };
  const a = new FolderBrowser('deva', folder, key, clock.at);
  const b = new FolderBrowser('devb', folder, key, clock.at);
  a.cards = [makeCard('gone', { label: 'Old Lyca' }), makeCard('kept', { label: 'Giffgaff' })];
  await a.sync();
  await b.sync();
  expect(b.cards.map((card) => card.id).sort()).toEqual(['gone', 'kept']);
  return { folder, key, a, b, clock };
}

describe('tombstone files in the WebDAV folder', () => {
  it('a tombstone younger than 60 days stays; an older one is deleted with If-Match', async () => {
    const { folder, a, b, clock } = await setUp();
    a.cards = a.cards.filter((card) => card.id !== 'gone');
    await a.sync();
    expect(dataFiles(folder)).toHaveLength(2);
    clock.pass(30 * DAY);
    await b.sync();
    expect(b.cards.map((card) => card.id)).toEqual(['kept']);
    clock.pass((TOMBSTONE_DAYS - 31) * DAY);
    await a.sync();
    expect(folder.removes).toBe(0);
    expect(dataFiles(folder)).toHaveLength(2);
    clock.pass(2 * DAY);
    await a.sync();
    expect(a.last).toMatchObject({ removed: 1 });
    expect(a.held).toBeUndefined();
    expect(folder.removes).toBe(1);
    expect(dataFiles(folder)).toHaveLength(1);
    // The other browser (last here 31 days ago) is not away: it simply forgets the file, and nothing comes back.
    await b.sync();
    expect(b.last).toMatchObject({ written: 0, removed: 0 });
    expect(b.held).toBeUndefined();
    expect(b.cards.map((card) => card.id)).toEqual(['kept']);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('a tombstone another browser replaced meanwhile (its Undo) is not deleted: the 412 makes the round read it again', async () => {
    const { folder, key, a, b, clock } = await setUp();
    const original = b.cards.find((card) => card.id === 'gone')!;
    a.cards = a.cards.filter((card) => card.id !== 'gone');
    await a.sync();
    clock.pass(30 * DAY);
    await b.sync();
    clock.pass(31 * DAY);
    // Just before this browser's DELETE reaches the server, the other browser puts the card back.
    const racing = new FolderBrowser(
      'devc',
      (online) => {
        const view = folder.view(online);
        return {
          ...view,
          remove: async (name, precondition) => {
            b.cards = [...b.cards, original];
            await b.sync();
            return view.remove(name, precondition);
          },
        } satisfies FolderFiles;
      },
      key,
      clock.at,
    );
    Object.assign(racing, { cards: a.cards, base: a.base, cache: a.cache, manifestEtag: a.manifestEtag, lastSuccessAt: a.lastSuccessAt });
    await racing.sync();
    expect(racing.errors).toEqual([]);
    expect(folder.refused).toBeGreaterThan(0);
    expect(folder.removes).toBe(0);
    expect(dataFiles(folder)).toHaveLength(2);
    expect(racing.cards.map((card) => card.id).sort()).toEqual(['gone', 'kept']);
  });
});

describe('a browser away from the folder longer than tombstones are kept', () => {
  async function awayWhileDeleted() {
    const setup = await setUp();
    const { a, clock } = setup;
    // The other browser goes quiet; here the card is deleted, and its tombstone file expires and goes.
    a.cards = a.cards.filter((card) => card.id !== 'gone');
    await a.sync();
    clock.pass((TOMBSTONE_DAYS + 1) * DAY);
    await a.sync();
    expect(a.last?.removed).toBe(1);
    clock.pass(DAY);
    return setup;
  }

  it('is held with the card it would bring back named, and writes nothing', async () => {
    const { folder, b } = await awayWhileDeleted();
    const files = stableFiles(folder);
    const base = b.base;
    await b.sync();
    expect(b.errors).toEqual([]);
    expect(b.held).toEqual({ deleteHere: [], deleteElsewhere: [], returning: [{ id: 'gone', label: 'Old Lyca' }] });
    expect(b.last).toMatchObject({ written: 0, removed: 0 });
    expect(stableFiles(folder)).toEqual(files);
    expect(b.cards.map((card) => card.id).sort()).toEqual(['gone', 'kept']);
    expect(b.base).toBe(base);
    // Still held on the next round, until the user chooses.
    await b.sync();
    expect(b.held?.returning).toHaveLength(1);
    expect(stableFiles(folder)).toEqual(files);
  });

  it('"let it go" deletes it here too, and nothing comes back anywhere', async () => {
    const { a, b } = await awayWhileDeleted();
    await b.sync();
    b.confirm({ keep: [], remove: ['gone'] });
    await b.sync();
    expect(b.held).toBeUndefined();
    expect(b.cards.map((card) => card.id)).toEqual(['kept']);
    await a.sync();
    expect(a.cards.map((card) => card.id)).toEqual(['kept']);
    // The next round is an ordinary one.
    await b.sync();
    expect(b.last).toMatchObject({ written: 0 });
    expect(b.held).toBeUndefined();
  });

  it('Keep brings it back in the other browsers, with what this browser holds', async () => {
    const { a, b } = await awayWhileDeleted();
    await b.sync();
    b.confirm({ keep: ['gone'], remove: [] });
    await b.sync();
    expect(b.held).toBeUndefined();
    await a.sync();
    expect(a.cards.map((card) => card.id).sort()).toEqual(['gone', 'kept']);
    expect(a.cards.find((card) => card.id === 'gone')?.label).toBe('Old Lyca');
  });

  it('a deletion whose tombstone is still in the folder is reviewed too: the card is not deleted here unasked', async () => {
    const { folder, key, a, clock } = await setUp();
    const b = new FolderBrowser('devb2', folder, key, clock.at);
    await b.sync();
    // This browser syncs now and then; the other one goes quiet.
    clock.pass(30 * DAY);
    await a.sync();
    clock.pass((TOMBSTONE_DAYS - 29) * DAY);
    a.cards = a.cards.filter((card) => card.id !== 'gone');
    await a.sync();
    clock.pass(DAY);
    await b.sync();
    expect(b.held).toEqual({ deleteHere: [{ id: 'gone', label: 'Old Lyca' }], deleteElsewhere: [], returning: [] });
    expect(b.cards.map((card) => card.id).sort()).toEqual(['gone', 'kept']);
    b.confirm({ keep: [], remove: ['gone'] });
    await b.sync();
    expect(b.cards.map((card) => card.id)).toEqual(['kept']);
  });

  it('a tombstone expired but still in the folder (nobody synced since) counts as gone: the card is named, not silently kept', async () => {
    const { folder, b, a, clock } = await setUp();
    a.cards = a.cards.filter((card) => card.id !== 'gone');
    await a.sync();
    clock.pass((TOMBSTONE_DAYS + 2) * DAY);
    const files = stableFiles(folder);
    await b.sync();
    expect(b.held).toEqual({ deleteHere: [], deleteElsewhere: [], returning: [{ id: 'gone', label: 'Old Lyca' }] });
    expect(stableFiles(folder)).toEqual(files);
    b.confirm({ keep: [], remove: ['gone'] });
    await b.sync();
    expect(b.cards.map((card) => card.id)).toEqual(['kept']);
    await a.sync();
    expect(a.cards.map((card) => card.id)).toEqual(['kept']);
  });

  it('a browser away with nothing in question is not held', async () => {
    const { a, b, clock } = await setUp();
    clock.pass(90 * DAY);
    await b.sync();
    expect(b.held).toBeUndefined();
    a.cards = [...a.cards, makeCard('new')];
    await a.sync();
    await b.sync();
    expect(b.cards.map((card) => card.id).sort()).toEqual(['gone', 'kept', 'new']);
  });
});

describe('a browser joining a folder that already holds cards (first connect, or its record lost)', () => {
  /** A folder where one browser had six cards and deleted four of them. */
  async function folderWithTombstones() {
    const { folder, key } = await newMemoryFolder();
    let now = START;
    const clock = { at: () => now, pass: (ms: number) => (now += ms) };
    const a = new FolderBrowser('deva', folder, key, clock.at);
    const labels = ['Lyca', 'EE', 'Vodafone', 'Three', 'Giffgaff', 'Ultra'];
    a.cards = labels.map((label, i) => makeCard(`c${i}`, { label }));
    await a.sync();
    clock.pass(DAY);
    a.cards = a.cards.slice(4);
    await a.sync();
    clock.pass(DAY);
    return { folder, key, a, clock };
  }

  it('a new browser holding four cards the folder has tombstones for is held: each named, nothing written or deleted', async () => {
    const { folder, key, a, clock } = await folderWithTombstones();
    // The same backup imported in a new browser: the four deleted cards, one kept in the folder, and one of its own.
    const c = new FolderBrowser('devc', folder, key, clock.at);
    c.cards = [0, 1, 2, 3, 4]
      .map((i) => makeCard(`c${i}`, { label: ['Lyca', 'EE', 'Vodafone', 'Three', 'Giffgaff'][i] }))
      .concat(makeCard('mine'));
    const before = c.cards;
    const files = stableFiles(folder);
    await c.sync();
    expect(c.errors).toEqual([]);
    expect(c.held).toEqual({
      deleteHere: [
        { id: 'c1', label: 'EE' },
        { id: 'c0', label: 'Lyca' },
        { id: 'c3', label: 'Three' },
        { id: 'c2', label: 'Vodafone' },
      ],
      deleteElsewhere: [],
      returning: [],
    });
    expect(c.cards).toBe(before);
    expect(stableFiles(folder)).toEqual(files);
    expect(c.base.cards).toEqual({});
    // Held again on the next round, until the user chooses.
    await c.sync();
    expect(c.held?.deleteHere).toHaveLength(4);
    expect(stableFiles(folder)).toEqual(files);

    // Keep two (they come back everywhere), let two go (deleted here too).
    c.confirm({ keep: ['c0', 'c2'], remove: ['c1', 'c3'] });
    await c.sync();
    expect(c.held).toBeUndefined();
    expect(c.cards.map((card) => card.id).sort()).toEqual(['c0', 'c2', 'c4', 'c5', 'mine']);
    await a.sync();
    expect(a.cards.map((card) => card.id).sort()).toEqual(['c0', 'c2', 'c4', 'c5', 'mine']);
    // Joined now: the next round is an ordinary one.
    await c.sync();
    expect(c.held).toBeUndefined();
    expect(c.last).toMatchObject({ written: 0 });
  });

  it('a browser whose record was lost is reviewed again when it reconnects: a deletion made meanwhile is named', async () => {
    const { folder, key, a, clock } = await folderWithTombstones();
    const b = new FolderBrowser('devb', folder, key, clock.at);
    await b.sync();
    expect(b.cards.map((card) => card.id)).toEqual(['c4', 'c5']);
    // Its record is reset (Disconnect and connect again, or the record damaged), and meanwhile the folder deletes one more.
    Object.assign(b, { base: { cards: {} }, cache: {}, manifestEtag: null });
    a.cards = a.cards.filter((card) => card.id !== 'c5');
    await a.sync();
    clock.pass(DAY);
    const files = stableFiles(folder);
    await b.sync();
    expect(b.held).toEqual({ deleteHere: [{ id: 'c5', label: 'Ultra' }], deleteElsewhere: [], returning: [] });
    expect(b.cards.map((card) => card.id)).toEqual(['c4', 'c5']);
    expect(stableFiles(folder)).toEqual(files);
    b.confirm({ keep: [], remove: ['c5'] });
    await b.sync();
    expect(b.held).toBeUndefined();
    expect(b.cards.map((card) => card.id)).toEqual(['c4']);
    await a.sync();
    expect(a.cards.map((card) => card.id)).toEqual(['c4']);
  });

  it("a browser joining with nothing in question is not held: its cards and the folder's merge at once", async () => {
    const { folder, key, a, clock } = await folderWithTombstones();
    const c = new FolderBrowser('devc', folder, key, clock.at);
    c.cards = [makeCard('mine'), makeCard('c4', { label: 'Giffgaff' })];
    await c.sync();
    expect(c.held).toBeUndefined();
    expect(c.cards.map((card) => card.id).sort()).toEqual(['c4', 'c5', 'mine']);
    await a.sync();
    expect(a.cards.map((card) => card.id).sort()).toEqual(['c4', 'c5', 'mine']);
  });
});

type Command =
  | { kind: 'add'; b: number }
  | { kind: 'delete'; b: number; card: number }
  | { kind: 'sync'; b: number }
  | { kind: 'together'; a: number; b: number }
  | { kind: 'wait'; days: number };

const browserArb = fc.nat(2);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('add' as const), b: browserArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), b: browserArb, card: fc.nat(9) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('sync' as const), b: browserArb }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('together' as const), a: browserArb, b: browserArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.constantFrom(5, 25, 45) }), weight: 2 },
);

/**
 * Browsers that share a folder over months, some quiet for longer than tombstones are
 * kept, adding and deleting cards (a deleted card is gone for good here: undo and its
 * new life are tried by webdav-converge.test.ts). A held round must write nothing; the
 * user answers each card named as they mean it (kept if still alive where they left it).
 */
async function playMonths(count: number, commands: Command[]) {
  const { folder, key } = await newMemoryFolder();
  let now = START;
  const browsers = Array.from({ length: count }, (_, i) => new FolderBrowser(`dev${i}`, folder, key, () => now));
  const alive = new Map<string, boolean>();
  let serial = 0;
  const answer = (browser: FolderBrowser) => {
    if (!browser.held) return;
    const ids = reviewIds(browser.held);
    expect(new Set(ids).size, 'each card named once').toBe(ids.length);
    browser.confirm({ keep: ids.filter((id) => alive.get(id)), remove: ids.filter((id) => !alive.get(id)) });
  };
  const sync = async (browser: FolderBrowser) => {
    const before = stableFiles(folder);
    await browser.sync();
    if (browser.held) expect(stableFiles(folder), 'a held round writes nothing').toEqual(before);
    answer(browser);
  };
  for (const command of commands) {
    now += 60_000;
    if (command.kind === 'wait') {
      now += command.days * DAY;
      continue;
    }
    if (command.kind === 'together') {
      await Promise.all([browsers[command.a % count]!.sync(), browsers[command.b % count]!.sync()]);
      answer(browsers[command.a % count]!);
      answer(browsers[command.b % count]!);
      continue;
    }
    const index = command.b % count;
    const browser = browsers[index]!;
    switch (command.kind) {
      case 'sync':
        await sync(browser);
        break;
      case 'add': {
        const id = `card-${++serial}`;
        const at = new Date(now).toISOString();
        browser.cards = [...browser.cards, makeCard(id, { createdAt: at, updatedAt: at })];
        alive.set(id, true);
        break;
      }
      case 'delete': {
        const card = browser.cards.length ? browser.cards[command.card % browser.cards.length]! : undefined;
        if (!card) break;
        browser.cards = browser.cards.filter((c) => c.id !== card.id);
        alive.set(card.id, false);
        break;
      }
    }
  }
  // Everyone syncs (answering any review) until nothing changes.
  for (let pass = 0; ; pass++) {
    let changed = false;
    for (const browser of browsers) {
      await sync(browser);
      changed ||= browser.held !== undefined || (browser.last?.written ?? 0) > 0 || (browser.last?.removed ?? 0) > 0;
    }
    if (!changed && pass > 0) break;
    if (pass > 6) throw new Error('the folder did not settle');
  }
  return { browsers, alive, now };
}

describe('months of sharing a folder, some browsers away longer than tombstones are kept', () => {
  it('random histories: no card comes back or goes unasked, the browsers agree, and no expired tombstone file is left', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(commandArb, { minLength: 10, maxLength: 30, size: 'max' }),
        async (count, commands) => {
          const { browsers, alive, now } = await playMonths(count, commands);
          const ids = (browser: FolderBrowser) => browser.cards.map((card) => card.id).sort();
          for (const browser of browsers) expect(browser.errors).toEqual([]);
          for (const browser of browsers.slice(1)) expect(ids(browser)).toEqual(ids(browsers[0]!));
          for (const [id, isKept] of alive) expect(ids(browsers[0]!).includes(id), `card ${id}`).toBe(isKept);
          // What the folder holds, as the last round read it: every tombstone in it is younger than 60 days.
          const held = readItems(Object.fromEntries(Object.values(browsers[0]!.cache).map((file) => [file.key, file.item])));
          for (const entry of Object.values(held.cards))
            if (!isAlive(entry)) expect(msOfClock(entry.d)).toBeGreaterThanOrEqual(now - TOMBSTONE_MS);
        },
      ),
      { seed: 20261208, numRuns: runs(300) },
    );
  }, 120_000);
});

/** The folder's files as text, to compare before and after. */
function stableFiles(folder: MemoryFolder): Record<string, string> {
  return Object.fromEntries([...folder.files].map(([name, file]) => [name, `${file.etag} ${file.text}`]));
}
