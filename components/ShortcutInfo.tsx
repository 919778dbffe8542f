import { useEffect, useState } from 'react';
import { t } from '../lib/browser/i18n';
import { readPopupShortcut } from '../lib/browser/shortcut';
import { KeyboardIcon } from './icons';

// Written out in full so WXT's build replaces it with a constant.
const IS_FIREFOX: boolean = Boolean(import.meta.env.FIREFOX);

/** The keyboard shortcut that opens the popup, as the browser has it now, and where to change it. */
export function ShortcutInfo() {
  // `undefined` until the browser answers, so no wrong "no shortcut" flashes first.
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void readPopupShortcut().then((value) => live && setShortcut(value));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="shortcut" aria-labelledby="shortcut-title">
      <h2 id="shortcut-title">
        <KeyboardIcon /> {t('shortcut_title')}
      </h2>
      {shortcut !== undefined && (
        <p data-testid="shortcut">
          {shortcut ? <ShortcutSentence shortcut={shortcut} /> : t('shortcut_none')}{' '}
          <span className="muted">{t(IS_FIREFOX ? 'shortcut_changeFirefox' : 'shortcut_changeChrome')}</span>
        </p>
      )}
    </section>
  );
}

/** "Press <kbd>Alt+Shift+S</kbd> to open SIM Keeper.", with the keys marked up wherever the language puts them. */
function ShortcutSentence({ shortcut }: { shortcut: string }) {
  // A private-use character: Chrome drops a NUL from substitutions.
  const marker = '\uE000';
  const [before = '', after = ''] = t('shortcut_current', marker).split(marker);
  return (
    <>
      {before}
      <kbd>{shortcut}</kbd>
      {after}
    </>
  );
}
