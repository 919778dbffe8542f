import { cardsRevisionItem, loadRawCardsAndSettings, newerCardsVersion, popupViewItem } from '../store/storage';
import { buildFirstScreen } from './first-screen';

type StorageListener = (changes: Record<string, unknown>, areaName: string) => void;

/** The part of the extension API the service uses: storage change events. */
export interface StorageEvents {
  storage: { onChanged: { addListener(listener: StorageListener): void; removeListener(listener: StorageListener): void } };
}

export interface FirstScreenServiceOptions {
  browser: StorageEvents;
  now?: () => Date;
  browserZone: () => string;
  language: () => string;
}

/**
 * Computes the popup's first screen from what is stored now and stores it. The
 * cards, their revision and the settings are read in one `get`, so the view is
 * labelled with the revision of exactly the cards it was computed from.
 * Cards without a revision (stored before revisions existed) get one instead,
 * and that change asks for this refresh again. Cards saved by a newer release
 * get no first screen (the popup shows them read-only, under a banner).
 */
export async function refreshFirstScreen({
  browserZone,
  language,
  now,
}: {
  browserZone: string;
  language: string;
  now: Date;
}): Promise<void> {
  const { cards, revision, settings } = await loadRawCardsAndSettings();
  if (typeof revision !== 'string') {
    await cardsRevisionItem.setValue(crypto.randomUUID());
    return;
  }
  // Cards from a newer release are shown read-only, under a banner: the popup renders that itself.
  if ((await newerCardsVersion()) !== null) {
    await popupViewItem.removeValue();
    return;
  }
  await popupViewItem.setValue(buildFirstScreen({ cards, revision, settings, browserZone, language, now }));
}

export interface FirstScreenService {
  /** Recomputes and stores the popup's first screen from what is stored now. */
  refresh(): Promise<void>;
  /** Refreshes on every change of the cards or settings; returns a function that stops watching. */
  watchStorage(): () => void;
}

/**
 * Keeps `local:popupView` ready for the popup (see usableFirstScreen). Run on
 * install, start, the daily midnight alarm and every change of cards or settings.
 * Refreshes never overlap: one that is asked for while another runs waits, and
 * several such requests make one more run.
 */
export function createFirstScreenService(options: FirstScreenServiceOptions): FirstScreenService {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let again = false;

  const compute = () => refreshFirstScreen({ browserZone: options.browserZone(), language: options.language(), now: now() });

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await compute();
        } while (again);
      } catch (error) {
        // The popup falls back to computing everything itself; the next change tries again.
        console.error('SIM Keeper: could not prepare the popup', error);
        await popupViewItem.removeValue().catch(() => undefined);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    refresh,
    watchStorage() {
      const listener: StorageListener = (changes, area) => {
        if (area !== 'local') return;
        if ('cards' in changes && !('cardsRevision' in changes)) {
          // Written without a revision (by hand, or by an older writer): a new one makes every cached view stale.
          void cardsRevisionItem.setValue(crypto.randomUUID()).catch((error: unknown) => console.error('SIM Keeper: revision', error));
          return;
        }
        if ('cards' in changes || 'cardsRevision' in changes || 'settings' in changes) void refresh();
      };
      options.browser.storage.onChanged.addListener(listener);
      return () => options.browser.storage.onChanged.removeListener(listener);
    },
  };
}
