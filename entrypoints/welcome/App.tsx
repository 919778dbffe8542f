import type { ReactNode } from 'react';
import { t } from '../../lib/browser/i18n';
import { BellIcon, CalendarIcon, ExternalIcon, LockIcon, PlusIcon } from '../../components/icons';
import { ShortcutInfo } from '../../components/ShortcutInfo';
import { useWhereCardsStay } from '../../components/WhereCardsStay';

/** One thing SIM Keeper does, with its icon. */
function Point({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <li>
      <span className="welcome-point-icon">{icon}</span>
      <span>{children}</span>
    </li>
  );
}

/**
 * The page opened once, on install: what SIM Keeper does, and the way to add
 * the first card. Its links stay in this tab (plain navigation to the options page).
 */
export function WelcomeApp() {
  const whereCardsStay = useWhereCardsStay();
  return (
    <main className="options welcome">
      <header className="options-header">
        <img src="/icon/128.png" alt="" width={48} height={48} />
        <div>
          <h1>{t('welcome_title')}</h1>
          <p className="muted">{t('options_tagline')}</p>
        </div>
      </header>
      <p className="welcome-intro">{t('welcome_intro')}</p>
      <section aria-labelledby="welcome-points">
        <h2 id="welcome-points">{t('welcome_pointsTitle')}</h2>
        <ul className="welcome-points">
          <Point icon={<CalendarIcon />}>{t('welcome_pointCountdown')}</Point>
          <Point icon={<BellIcon />}>{t('welcome_pointReminders')}</Point>
          <Point icon={<ExternalIcon />}>{t('welcome_pointRenew')}</Point>
          <Point icon={<LockIcon />}>{whereCardsStay ?? t('welcome_pointPrivate')}</Point>
        </ul>
      </section>
      <div className="row welcome-actions">
        <a className="button primary" href="/options.html#new">
          <PlusIcon /> {t('popup_addFirst')}
        </a>
        <a className="button" href="/options.html">
          {t('popup_openOptions')}
        </a>
      </div>
      <ShortcutInfo />
    </main>
  );
}
