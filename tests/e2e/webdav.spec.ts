import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startWebDav } from '../servers/webdav.mjs';
import { expect, openBrowser, readStorage, test, writeStorage, type OwnBrowser } from './fixtures';
import { fillAccount, openOptionsPanel, setUpLocalServer } from './local-server';
import { shootPartLightAndDark } from './screenshots';

/*
 * Options → WebDAV folder in two Chromium profiles sharing one folder on a real WebDAV
 * server (lighttpd on 127.0.0.1). Each runs a test copy of the build whose manifest
 * grants that origin at install, so `permissions.request` resolves without a prompt, as
 * after the user clicks Allow. The first sets the folder up (the passphrase typed twice),
 * the second is refused with a wrong passphrase and then joins; cards added, renewed and
 * deleted in each end the same in both, and the server's files hold no card text.
 */

const PASSPHRASE = 'lilac tram 2026';

const local = setUpLocalServer(startWebDav);

interface Profile extends OwnBrowser {
  options: Page;
  panel: Locator;
}

async function open(language = 'en-US'): Promise<Profile> {
  const browser = await openBrowser(language, { extensionDir: local.extensionDir });
  const { page, panel } = await openOptionsPanel(browser.context, browser.id, (page) => page.getByTestId('webdav-panel'));
  return { ...browser, options: page, panel };
}

/** The panel alone, light and dark: test-results/screenshots/<name>-light.png and -dark.png. */
const shootPanel = (profile: Profile, name: string) => shootPartLightAndDark(profile.options, profile.panel, name);

const card = (id: string, label: string, phoneNumber = '') => ({
  id,
  label,
  providerId: null,
  phoneNumber,
  notes: '',
  timeZone: 'Asia/Shanghai',
  channels: { website: '', app: '', hotline: '' },
  rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } },
  history: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

async function fill(panel: Locator, passphrase: string) {
  await fillAccount(panel, { addressLabel: 'Folder address', address: `${local.server.url}family-sims/` });
  await panel.getByLabel('Folder passphrase').fill(passphrase);
}

type StoredCard = { id: string; label: string; history: { id: string }[] };
const cardsOf = async (profile: Profile) => ((await readStorage(profile.worker, 'cards')) as StoredCard[]) ?? [];
const summary = (cards: StoredCard[]) =>
  cards
    .map(
      (c) =>
        `${c.id}:${c.label}:${c.history
          .map((e) => e.id)
          .sort()
          .join('+')}`,
    )
    .sort()
    .join(' | ');

async function syncNow(profile: Profile) {
  await profile.panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(profile.panel.getByTestId('webdav-status')).not.toContainText('Syncing…');
}

test('two browsers share one WebDAV folder: set up, join, and every add, renewal and delete converges', async () => {
  test.setTimeout(90_000);
  let a: Profile | undefined;
  let b: Profile | undefined;
  try {
    [a, b] = await Promise.all([open(), open()]);
    const sims = Array.from({ length: 12 }, (_, i) => card(`a${i}`, `Family SIM ${i}`, `+44 7700 9001${String(i).padStart(2, '0')}`));
    await writeStorage(a.worker, { cards: sims });
    await writeStorage(b.worker, { cards: [card('b0', '紫卡 Lebara', '+44 7700 900777')] });

    // A sets the folder up: a new folder asks for the passphrase twice, and two that differ are refused.
    await fill(a.panel, PASSPHRASE);
    await a.panel.getByRole('button', { name: 'Connect' }).click();
    await expect(a.panel.getByTestId('webdav-new')).toBeVisible();
    await shootPanel(a, 'webdav-new-folder');
    await a.panel.getByLabel('Type the passphrase again').fill('lilac tram 2025');
    await a.panel.getByRole('button', { name: 'Set up folder' }).click();
    await expect(a.panel.getByLabel('Type the passphrase again')).toHaveAccessibleDescription(/The two passphrases differ/);
    await a.panel.getByLabel('Type the passphrase again').fill(PASSPHRASE);
    await a.panel.getByRole('button', { name: 'Set up folder' }).click();
    await expect(a.panel.getByTestId('webdav-status')).toContainText('12 cards in the folder', { timeout: 20_000 });
    await shootPanel(a, 'webdav-connected');

    // B, with a wrong passphrase: refused beside the field, and nothing stored or written.
    const before = readdirSync(join(local.server.root, 'family-sims')).sort();
    await fill(b.panel, 'not the passphrase');
    await b.panel.getByRole('button', { name: 'Connect' }).click();
    await expect(b.panel.getByLabel('Folder passphrase')).toHaveAccessibleDescription(/does not open the folder/);
    await shootPanel(b, 'webdav-wrong-passphrase');
    expect(await readStorage(b.worker, 'webdavAccount')).toBeFalsy();
    expect(readdirSync(join(local.server.root, 'family-sims')).sort()).toEqual(before);

    // Then the right one: B joins, and both hold the 13 cards.
    await b.panel.getByLabel('Folder passphrase').fill(PASSPHRASE);
    await b.panel.getByRole('button', { name: 'Connect' }).click();
    await expect(b.panel.getByTestId('webdav-status')).toContainText('13 cards in the folder', { timeout: 20_000 });
    await syncNow(a);
    await expect.poll(async () => (await cardsOf(a!)).length).toBe(13);
    expect((await cardsOf(b)).length).toBe(13);

    // A renews a card in its popup; B renews another and deletes one; A deletes one too.
    const popup = await a.context.newPage();
    await popup.goto(`chrome-extension://${a.id}/popup.html`);
    await popup.getByRole('listitem', { name: 'Family SIM 3' }).getByRole('button', { name: 'Record renewal' }).click();
    await expect.poll(async () => (await cardsOf(a!)).find((c) => c.id === 'a3')?.history.length).toBe(1);
    const inB = await cardsOf(b);
    const renewedInB = inB.map((c) =>
      c.id === 'b0'
        ? { ...c, history: [{ id: 'renewed-in-b', date: '2026-12-01', kind: 'renewed' }], updatedAt: new Date().toISOString() }
        : c,
    );
    await writeStorage(b.worker, { cards: renewedInB.filter((c) => c.id !== 'a5') });
    await writeStorage(a.worker, { cards: (await cardsOf(a)).filter((c) => c.id !== 'a7') });
    await syncNow(b);
    await syncNow(a);
    await syncNow(b);
    await expect.poll(async () => summary(await cardsOf(a!))).toBe(summary(await cardsOf(b!)));
    const final = await cardsOf(a);
    expect(final.map((c) => c.id).sort()).not.toContain('a5');
    expect(final.map((c) => c.id).sort()).not.toContain('a7');
    expect(final).toHaveLength(11);
    expect(final.find((c) => c.id === 'a3')?.history).toHaveLength(1);
    expect(final.find((c) => c.id === 'b0')?.history.map((e) => e.id)).toEqual(['renewed-in-b']);

    // What the server holds: no name, no number.
    const stored = readdirSync(join(local.server.root, 'family-sims'))
      .map((name) => name + readFileSync(join(local.server.root, 'family-sims', name), 'utf8'))
      .join('\n');
    for (const secret of ['Family SIM', 'Lebara', '紫卡', '+44 7700']) expect(stored).not.toContain(secret);
  } finally {
    await Promise.all([a?.close(), b?.close()]);
  }
});

test('Options → WebDAV folder reads in Chinese, with its errors beside the fields', async () => {
  let zh: Profile | undefined;
  try {
    zh = await open('zh-CN');
    await expect(zh.panel.getByRole('heading', { name: 'WebDAV 文件夹' })).toBeVisible();
    await zh.panel.getByLabel('文件夹地址').fill('http://dav.example.org/sims/');
    await zh.panel.getByRole('button', { name: '连接' }).click();
    await expect(zh.panel.getByLabel('文件夹口令')).toHaveAccessibleDescription(/至少 8 个字符/);
    await shootPanel(zh, 'webdav-form-zh-CN');
  } finally {
    await zh?.close();
  }
});
