import { pbkdf2Sync } from 'node:crypto';
import { runs } from './property-runs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { currentTerm } from '../../lib/cards/deadlines';
import { cardsItem, loadCards, settingsItem } from '../../lib/store/storage';
import { importUndoItem, loadImportUndo, restoreImportUndo } from '../../lib/store/import-store';
import { addCard, recordEvent } from '../../lib/store/card-actions';
import { type DeriveBits, decryptBackup, encryptBackup, PBKDF2_ITERATIONS } from '../../lib/transfer/crypto';
import { readImportFile, type ReadImportOptions } from '../../lib/transfer/read-file';
import { backupFileText, confirmImport } from '../../lib/transfer/service';
import { makeCard } from './card-fixture';
import { cardListArb, SEED } from './transfer-arbitraries';

// PBKDF2-SHA-256 with one round, computed synchronously by Node: the same bytes Web Crypto would give
// for one round, so the code under test is unchanged while thousands of cases stay fast.
const fastBits: DeriveBits = async (passphrase, salt) => new Uint8Array(pbkdf2Sync(passphrase, salt, 1, 64, 'sha256'));
const NOW = new Date('2026-11-27T00:00:00.000Z');
const encoder = new TextEncoder();

function options(extra: Partial<ReadImportOptions> = {}): ReadImportOptions {
  return { userTimeZone: 'Asia/Shanghai', now: NOW, existing: [], deriveBits: fastBits, ...extra };
}

async function importText(text: string, extra: Partial<ReadImportOptions> = {}) {
  const read = await readImportFile(encoder.encode(text), options(extra));
  if (!read.ok) throw new Error(`refused: ${read.error}`);
  return read.candidates;
}

describe('export → wipe → import', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives back exactly the same cards, plain', async () => {
    await fc.assert(
      fc.asyncProperty(cardListArb, async (cards) => {
        fakeBrowser.reset();
        await cardsItem.setValue(cards);
        const text = await backupFileText(NOW, '0.1.0');
        fakeBrowser.reset();
        await confirmImport(await importText(text), { mode: 'merge', keepInvalid: true }, NOW);
        const back = (await loadCards()).cards;
        expect(back).toEqual(cards);
        expect(back.map((c) => currentTerm(c.rule, c.history))).toEqual(cards.map((c) => currentTerm(c.rule, c.history)));
      }),
      { seed: SEED, numRuns: runs(1000) },
    );
  }, 30_000);

  it('merging the same backup twice changes nothing more than merging it once', async () => {
    await fc.assert(
      fc.asyncProperty(cardListArb, cardListArb, async (stored, exported) => {
        fakeBrowser.reset();
        await cardsItem.setValue(exported);
        const candidates = await importText(await backupFileText(NOW, '0.1.0'));
        fakeBrowser.reset();
        await cardsItem.setValue(stored);
        const once = await confirmImport(candidates, { mode: 'merge', keepInvalid: true }, NOW);
        const twice = await confirmImport(candidates, { mode: 'merge', keepInvalid: true }, NOW);
        expect(twice.cards).toEqual(once.cards);
      }),
      { seed: SEED, numRuns: runs(300) },
    );
  }, 30_000);

  it('gives back exactly the same cards, encrypted (one-round KDF, same code)', async () => {
    await fc.assert(
      fc.asyncProperty(cardListArb, fc.string({ minLength: 1, maxLength: 20 }), async (cards, passphrase) => {
        fakeBrowser.reset();
        await cardsItem.setValue(cards);
        const text = await backupFileText(NOW, '0.1.0', passphrase, { deriveBits: fastBits });
        expect(text).not.toContain('"cards"');
        fakeBrowser.reset();
        await confirmImport(await importText(text, { passphrase }), { mode: 'replace', keepInvalid: true }, NOW);
        const back = (await loadCards()).cards;
        expect(back).toEqual(cards);
        expect(back.map((c) => currentTerm(c.rule, c.history))).toEqual(cards.map((c) => currentTerm(c.rule, c.history)));
      }),
      { seed: SEED, numRuns: runs(300) },
    );
  }, 30_000);

  // Two real derivations (export, import) take a second or two; the wrong-passphrase path is the same code, tested above with one round.
  it('with the real 600,000-round PBKDF2', async () => {
    const cards = [makeCard('a', { history: [{ id: 'e1', date: '2026-03-20', kind: 'renewed', amount: 3, currency: 'USD' }] })];
    await cardsItem.setValue(cards);
    const text = await backupFileText(NOW, '0.1.0', 'correct horse');
    const file = JSON.parse(text);
    expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(atob(file.kdf.salt)).toHaveLength(16);
    expect(atob(file.cipher.iv)).toHaveLength(12);
    const real = { userTimeZone: 'UTC', now: NOW, existing: [] };
    const read = await readImportFile(encoder.encode(text), { ...real, passphrase: 'correct horse' });
    expect(read.ok && read.candidates.cards).toEqual(cards);
  }, 20_000);

  it('exports entries kept aside untouched, and settings, but not the reminder log', async () => {
    const odd = { id: 'x', label: 'broken', rule: { type: 'cycle', anchorDate: '2026-02-30' }, extra: [1, 2] };
    await cardsItem.setValue([makeCard('a'), odd]);
    await settingsItem.setValue({ reminderTime: '08:30' });
    await fakeBrowser.storage.local.set({ reminderLog: { fired: { k: 1 } } });
    const backup = JSON.parse(await backupFileText(NOW, '0.1.0'));
    expect(backup).toMatchObject({
      format: 'sim-keeper-backup',
      version: 1,
      settingsVersion: 1,
      exportedAt: NOW.toISOString(),
      extensionVersion: '0.1.0',
    });
    expect(backup.cards).toEqual([makeCard('a'), odd]);
    expect(backup.settings).toEqual({ reminderTime: '08:30' });
    expect(JSON.stringify(backup)).not.toContain('fired');
    const candidates = await importText(JSON.stringify(backup));
    expect(candidates.invalid).toHaveLength(1);
    expect(candidates.invalid[0]!.raw).toEqual(odd);
    expect(candidates.settings).toEqual({ reminderTime: '08:30' });
  });
});

describe('encrypted files refused', () => {
  const plain = JSON.stringify({ format: 'sim-keeper-backup', version: 1, cards: [], settings: {} });

  it('a wrong passphrase, with its own message', async () => {
    const file = await encryptBackup(plain, 'right', { deriveBits: fastBits });
    expect(await decryptBackup({ ...file }, 'wrong', { deriveBits: fastBits })).toEqual({
      ok: false,
      error: 'import_errorWrongPassphrase',
    });
    expect(await decryptBackup({ ...file }, '', { deriveBits: fastBits })).toEqual({ ok: false, error: 'import_errorNeedPassphrase' });
    expect(await decryptBackup({ ...file }, 'right', { deriveBits: fastBits })).toEqual({ ok: true, json: plain });
  });

  it('a file changed after export: every single ciphertext byte flipped is caught', async () => {
    const file = await encryptBackup(plain, 'right', { deriveBits: fastBits });
    const bytes = Uint8Array.from(atob(file.ciphertext), (c) => c.charCodeAt(0));
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      changed[i]! ^= 1 << (i % 8);
      const ciphertext = btoa(String.fromCharCode(...changed));
      expect(await decryptBackup({ ...file, ciphertext }, 'right', { deriveBits: fastBits })).toEqual({
        ok: false,
        error: 'import_errorTampered',
      });
    }
  });

  it('fewer iterations than 600,000 even with the right passphrase, and absurdly many', async () => {
    const file = await encryptBackup(plain, 'right', { deriveBits: fastBits });
    for (const iterations of [1, 1000, PBKDF2_ITERATIONS - 1]) {
      expect(await decryptBackup({ ...file, kdf: { ...file.kdf, iterations } }, 'right', { deriveBits: fastBits })).toEqual({
        ok: false,
        error: 'import_errorIterations',
        params: [String(iterations)],
      });
    }
    expect((await decryptBackup({ ...file, kdf: { ...file.kdf, iterations: 1e9 } }, 'right')).ok).toBe(false);
  });

  it('a header that is not exactly this format', async () => {
    const file = await encryptBackup(plain, 'right', { deriveBits: fastBits });
    for (const broken of [
      { ...file, kdf: { ...file.kdf, hash: 'SHA-1' } },
      { ...file, kdf: { ...file.kdf, salt: 'AAAA' } },
      { ...file, cipher: { ...file.cipher, iv: '!!' } },
      { ...file, cipher: 'AES' },
      { ...file, version: '2' },
      // A field docs/backup.md does not name, at any level.
      { ...file, aad: 'AAAA' },
      { ...file, kdf: { ...file.kdf, pepper: 'x' } },
      { ...file, cipher: { ...file.cipher, mode: 'CBC' } },
    ]) {
      expect(await decryptBackup(broken as never, 'right', { deriveBits: fastBits })).toEqual({ ok: false, error: 'import_errorDamaged' });
    }
    // The file as written passes the same checks.
    expect(await decryptBackup(file as never, 'right', { deriveBits: fastBits })).toEqual({ ok: true, json: plain });
  });

  it('a later format version is named as made by a newer SIM Keeper, not as damaged', async () => {
    const file = await encryptBackup(plain, 'right', { deriveBits: fastBits });
    expect(await decryptBackup({ ...file, version: 2 } as never, 'right', { deriveBits: fastBits })).toEqual({
      ok: false,
      error: 'import_errorNewerVersion',
      params: ['2'],
    });
  });
});

describe('backups of other versions', () => {
  it('refuses a backup from a newer storage version, naming it', async () => {
    const read = await readImportFile(encoder.encode(JSON.stringify({ format: 'sim-keeper-backup', version: 2, cards: [] })), options());
    expect(read).toEqual({ ok: false, error: 'import_errorNewerVersion', params: ['2'] });
  });

  it('refuses a version that is not a whole number from 1', async () => {
    for (const version of [0, -1, 1.5, '1', null]) {
      const read = await readImportFile(encoder.encode(JSON.stringify({ format: 'sim-keeper-backup', version, cards: [] })), options());
      expect(read.ok).toBe(false);
    }
  });
});

describe('undo snapshot', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the state before an import, and restoring swaps it back (so a restore can be undone too)', async () => {
    const before = [makeCard('a'), { broken: true }];
    await cardsItem.setValue(before);
    await settingsItem.setValue({ reminderTime: '07:00' });
    const candidates = await importText(
      JSON.stringify({ format: 'sim-keeper-backup', version: 1, cards: [makeCard('b')], settings: { reminderTime: '10:00' } }),
    );
    await confirmImport(candidates, { mode: 'replace', keepInvalid: false }, NOW);
    expect((await loadCards()).cards.map((c) => c.id)).toEqual(['b']);
    expect(await settingsItem.getValue()).toEqual({ reminderTime: '10:00' });
    expect(await loadImportUndo()).toEqual({
      takenAt: NOW.toISOString(),
      cards: before,
      settings: { reminderTime: '07:00' },
      addedIds: ['b'],
    });

    expect(await restoreImportUndo(NOW)).toBe(true);
    expect(await cardsItem.getValue()).toEqual(before);
    expect(await settingsItem.getValue()).toEqual({ reminderTime: '07:00' });
    expect(((await importUndoItem.getValue()) as { cards: unknown }).cards).toEqual([makeCard('b')]);
  });

  it('restores the state before a Replace all merged with what happened since: a later renewal and a card added later stay', async () => {
    const later = new Date(NOW.getTime() + 60_000);
    await cardsItem.setValue([makeCard('a'), makeCard('kept')]);
    const candidates = await importText(
      JSON.stringify({ format: 'sim-keeper-backup', version: 1, cards: [makeCard('kept', { label: 'From the file' }), makeCard('b')] }),
    );
    await confirmImport(candidates, { mode: 'replace', keepInvalid: false }, NOW);
    expect((await loadCards()).cards.map((c) => c.id)).toEqual(['kept', 'b']);
    // After the import: a renewal of "kept", and a card added by hand.
    expect(await recordEvent('kept', { kind: 'renewed', date: '2026-03-20' }, later)).toBe(true);
    await addCard(makeCard('new', { createdAt: later.toISOString(), updatedAt: later.toISOString() }));

    expect(await restoreImportUndo(new Date(later.getTime() + 60_000))).toBe(true);
    const cards = (await loadCards()).cards;
    // "b" came with the import and was not changed since: it goes; "a", removed by the import, comes back.
    expect(cards.map((c) => c.id).sort()).toEqual(['a', 'kept', 'new']);
    expect(cards.find((c) => c.id === 'kept')!.history.map((event) => event.date)).toEqual(['2026-03-20']);
  });

  it('has nothing to restore before any import', async () => {
    expect(await restoreImportUndo(NOW)).toBe(false);
    expect(await loadImportUndo()).toBeNull();
  });
});
