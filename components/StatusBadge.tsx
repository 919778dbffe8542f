import type { CardStatus } from '../lib/cards/countdown';
import { STATUS_LABEL, STATUS_SHAPE } from '../lib/cards/countdown-text';
import { t } from '../lib/browser/i18n';

/** The card's status as shape, word and colour together, so no one needs to tell colours apart. */
export function StatusBadge({ status }: { status: CardStatus }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span aria-hidden="true" className="status-shape">
        {STATUS_SHAPE[status]}
      </span>{' '}
      {t(STATUS_LABEL[status])}
    </span>
  );
}
