import { mkdirSync } from 'node:fs';
import { test, expect, todayIn, USER_TIME_ZONE, addDaysTo, readStorage, writeStorage } from './fixtures';

test.describe('cards: add in the options page, count down in the popup', () => {
  test('a person adds a card, sees its countdown, renews it, and an unsafe link is refused', async ({ context, openPopup }) => {
    const today = todayIn(USER_TIME_ZONE);

    // An empty popup explains itself and leads to the options page.
    const popup = await openPopup();
    await expect(popup.getByRole('heading', { name: 'Never lose a number again' })).toBeVisible();
    const [options] = await Promise.all([context.waitForEvent('page'), popup.getByRole('button', { name: 'Add your first card' }).click()]);
    await expect(options.getByRole('heading', { name: 'Add a card' })).toBeVisible();

    // Saving an empty form saves nothing and says what is wrong, beside the field.
    await options.getByRole('button', { name: 'Save card' }).click();
    await expect(options.getByText('Give the card a name, such as “Ultra purple card”.')).toBeVisible();

    await options.getByLabel('Name', { exact: true }).fill('紫卡');
    await options.getByLabel('Phone number').fill('+1 555 010 1234');
    await options.getByLabel('Last paid (start of the current period)').fill(today);
    await options.getByLabel('Plan length').fill('1.5');
    await options.getByRole('button', { name: 'Save card' }).click();
    await expect(options.getByText('Enter a whole number of 1 or more.')).toBeVisible();
    await options.getByLabel('Plan length').fill('30');
    await options.getByLabel('Grace days before the number is lost').fill('30');
    await options.getByLabel('Renewal page').fill('javascript:alert(1)');
    await options.getByRole('button', { name: 'Save card' }).click();
    await expect(options.getByText('Only secure https:// links are allowed.')).toBeVisible();
    await options.getByLabel('Renewal page').fill('https://my.ultra.me/');
    await expect(options.getByTestId('deadline-preview')).toContainText('30 days');
    await options.getByRole('button', { name: 'Save card' }).click();
    await expect(options.getByRole('row', { name: /紫卡/ })).toContainText('30 days');

    // The popup, already open, follows the change through storage events.
    const card = popup.getByRole('listitem', { name: '紫卡' });
    await expect(card.getByTestId('countdown')).toHaveText('30 days');
    await expect(card).toContainText('•••• 1234');
    await expect(card).toContainText('OK');
    await expect(card).toContainText(`Renew by`);

    // Renewed on time: one more 30-day period on the same cycle.
    await card.getByRole('button', { name: 'Record renewal' }).click();
    await expect(card.getByTestId('countdown')).toHaveText('60 days');
    await expect(popup.getByRole('status')).toContainText('Recorded for “紫卡”.');

    // Renew opens the official page in a new tab.
    const [renewRequest, renewTab] = await Promise.all([
      context.waitForEvent('request', (request) => request.isNavigationRequest() && request.url().startsWith('https://my.ultra.me')),
      context.waitForEvent('page'),
      card
        .getByRole('button', { name: /Open renewal site/ })
        .first()
        .click(),
    ]);
    expect(renewRequest.url()).toBe('https://my.ultra.me/');
    await renewTab.close();

    // An unsafe link is refused on edit, and the saved card keeps its good link.
    await options.getByRole('button', { name: 'Edit 紫卡' }).click();
    await options.getByLabel('Renewal page').fill('http://my.ultra.me/');
    await options.getByRole('button', { name: 'Save card' }).click();
    await expect(options.getByText('Only secure https:// links are allowed.')).toBeVisible();
    await expect(options.getByText('1 field needs attention; nothing was saved.')).toBeVisible();
    // Cancel with the bad link typed asks first; discarding keeps the stored card as it was.
    await options.getByRole('button', { name: 'Cancel' }).click();
    await options.getByRole('dialog', { name: 'Discard your changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await options.getByRole('button', { name: 'Edit 紫卡' }).click();
    await expect(options.getByLabel('Renewal page')).toHaveValue('https://my.ultra.me/');

    // The history shows both events; removing the mistaken "Renewed" moves the deadline back.
    await options.getByRole('button', { name: `Remove Renewed on ${today}` }).click();
    await expect(options.getByTestId('deadline-preview')).toContainText('30 days');
    await options.getByRole('button', { name: 'Save card' }).click();
    await expect(card.getByTestId('countdown')).toHaveText('30 days');

    mkdirSync('test-results/screenshots', { recursive: true });
    await popup.locator('main').screenshot({ path: 'test-results/screenshots/popup.png' });
    await options.screenshot({ path: 'test-results/screenshots/options.png', fullPage: true });
  });

  test('malformed stored data is kept aside and reported, never dropped', async ({ worker, openOptions, openPopup }) => {
    const today = todayIn(USER_TIME_ZONE);
    const good = {
      id: 'good-1',
      label: 'giffgaff main',
      providerId: null,
      phoneNumber: '07700900123',
      notes: '',
      timeZone: 'Europe/London',
      channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' },
      rule: { type: 'keepAlive', anchorDate: addDaysTo(today, -10), window: { count: 6, unit: 'months' } },
      history: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const broken = {
      ...good,
      id: 'broken-1',
      label: 'Broken card',
      rule: { type: 'cycle', anchorDate: '2026-02-30', period: { count: 30, unit: 'days' } },
    };
    await writeStorage(worker, { cards: [good, broken] });

    const options = await openOptions();
    await expect(options.getByRole('heading', { name: '1 stored entry could not be read' })).toBeVisible();
    await expect(options.getByText('rule.anchorDate: not a calendar date from 1900-01-01 to 9999-12-31 (YYYY-MM-DD)')).toBeVisible();
    await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();

    const popup = await openPopup();
    await expect(popup.getByRole('listitem', { name: 'giffgaff main' })).toBeVisible();
    await expect(popup.getByRole('alert')).toContainText('1 stored entry could not be read');

    // Deleting the valid card leaves the broken entry stored exactly as it was.
    await options.getByRole('button', { name: 'Delete giffgaff main' }).click();
    await expect(options.getByRole('status')).toContainText('Deleted “giffgaff main”.');
    const stored = await readStorage(worker, 'cards');
    expect(stored).toEqual([broken]);

    // Undo brings the card back.
    await options.getByRole('button', { name: 'Undo' }).click();
    await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();
  });
});

test('two pages editing at once lose neither change', async ({ worker, openOptions, openPopup }) => {
  const today = todayIn(USER_TIME_ZONE);
  await writeStorage(worker, {
    cards: [
      {
        id: 'ultra',
        label: '紫卡',
        providerId: null,
        phoneNumber: '',
        notes: '',
        timeZone: USER_TIME_ZONE,
        channels: { website: '', app: '', hotline: '' },
        rule: { type: 'cycle', anchorDate: addDaysTo(today, -20), period: { count: 30, unit: 'days' } },
        history: [],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ],
  });
  // The options page opens the editor first...
  const options = await openOptions('card=ultra');
  await options.getByLabel('Notes').fill('pay with the Ultra app');
  // ...then the popup records a renewal while the editor is still open...
  const popup = await openPopup();
  const card = popup.getByRole('listitem', { name: '紫卡' });
  await expect(card.getByTestId('countdown')).toHaveText('10 days');
  await card.getByRole('button', { name: 'Record renewal' }).click();
  await expect(card.getByTestId('countdown')).toHaveText('40 days');
  // ...and saving the editor keeps the renewal as well as the note.
  await options.getByRole('button', { name: 'Save card' }).click();
  await expect(options.getByRole('row', { name: /紫卡/ })).toContainText('40 days');
  const stored = (await readStorage(worker, 'cards')) as { notes: string; history: unknown[] }[];
  expect(stored[0]?.notes).toBe('pay with the Ultra app');
  expect(stored[0]?.history).toHaveLength(1);
});
