import type { CardStatus } from '../lib/cards/countdown';
import { STATUS_LABEL } from '../lib/cards/countdown-text';
import { t } from '../lib/browser/i18n';
import { StatusShape } from './icons';

/** The card's status as shape, word and colour together, so no one needs to tell colours apart. */
export function StatusBadge({ status }: { status: CardStatus }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <StatusShape status={status} className="status-shape" /> {t(STATUS_LABEL[status])}
    </span>
  );
}
