// The popup with 500 cards: validating what is stored, computing every countdown, and rendering.
import { renderToString } from 'react-dom/server';
import { bench, describe } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cardsByDeadline } from '../../lib/cards/countdown';
import { parseStoredCards } from '../../lib/store/storage';
import { PopupCard } from '../../components/PopupCard';
import { getMessageFrom } from '../unit/setup';
import en from '../../public/_locales/en/messages.json';
import { sampleCards } from './sample-cards';

fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(en as never, key, subs)) as never;
const stored = JSON.parse(JSON.stringify(sampleCards(500))) as unknown;
const now = new Date('2026-11-22T02:00:00Z');
const noop = () => undefined;

function popupRows() {
  const { cards } = parseStoredCards(stored);
  return cardsByDeadline(cards, now, 'Asia/Shanghai');
}

describe('popup with 500 cards', () => {
  bench('validate stored cards', () => {
    parseStoredCards(stored);
  });
  bench('validate + countdowns + sort', () => {
    popupRows();
  });
  bench('validate + countdowns + render all rows', () => {
    const rows = popupRows();
    renderToString(
      <ul>
        {rows.map(({ card, countdown }) => (
          <PopupCard
            key={card.id}
            card={card}
            countdown={countdown}
            providerName={null}
            quickKind="renewed"
            userTimeZone="Asia/Shanghai"
            language="en"
            now={now}
            onRenew={noop}
            onQuick={noop}
            onEdit={noop}
            onSnooze={noop}
          />
        ))}
      </ul>,
    );
  });
});
