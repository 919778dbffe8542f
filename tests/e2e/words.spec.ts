import { shootLightAndDark } from './screenshots';
import { expect, test, writeStorage } from './fixtures';

/*
 * Issue 19, words: the empty popup says truly where the cards go, as the welcome page
 * does, and changes its sentence when sync or the calendar is switched on.
 */

test('the empty popup says where the cards go, and follows sync and the calendar as they are switched on', async ({
  worker,
  openPopup,
}) => {
  const popup = await openPopup();
  const line = popup.getByTestId('where-cards-stay');
  await expect(line).toHaveText('Everything stays in this browser: no account, no server, no tracking.');
  await expect(popup.locator('main')).not.toContainText('computer');
  await shootLightAndDark(popup, 'words-popup-empty');

  await writeStorage(worker, { syncPrefs: { enabled: true } });
  await expect(line).toHaveText(/^Your cards stay in this browser and in the browsers you sync with/);
  await writeStorage(worker, { calendarAccount: { serverUrl: 'https://dav.example.com/' } });
  await expect(line).toHaveText(/and their deadlines go to the calendar you connected/);
  await shootLightAndDark(popup, 'words-popup-empty-synced');
});
