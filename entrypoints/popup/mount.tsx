import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from './App';
import { messagesLanguage, t, uiLanguage } from '../../lib/browser/i18n';
import { PageBoundary } from '../../components/ErrorBoundary';
import { browserTimeZone } from '../../lib/dates/plain-date';

/**
 * Starts the React popup. `first` is what popup.html and popup-first.js painted
 * before React (the frame, and the cards when `painted`), removed once React
 * shows the cards. When not `painted`, the stored first screen was stale (after
 * midnight, before the background's alarm ran) or missing, and it is recomputed
 * once the popup is idle, for next time.
 */
export function mountPopup(first: HTMLElement | null, painted: boolean): void {
  // The HTML title is the manifest's message placeholder (it names the toolbar button); show the real name.
  document.title = t('extName');
  // Screen readers and hyphenation follow <html lang>: say the language the messages are in.
  document.documentElement.lang = messagesLanguage();
  const onReady = () => first?.remove();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PageBoundary where="popup">
        <PopupApp onReady={onReady} />
      </PageBoundary>
    </StrictMode>,
  );
  if (!painted) {
    const later = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    // Imported only then: a popup opened on a first screen kept ready never loads it.
    later(
      () =>
        void import('../../lib/popup/first-screen-service').then(({ refreshFirstScreen }) =>
          refreshFirstScreen({ browserZone: browserTimeZone(), language: uiLanguage(), now: new Date() }),
        ),
    );
  }
}
