import { describe, expect, it } from 'vitest';
import { reminderText } from '../../lib/reminders/notification';
import { planReminders } from '../../lib/reminders/plan';
import { makeCard, makeSettings } from './reminders-fixtures';

const NOW = new Date('2026-03-05T01:00:00Z');
const settings = makeSettings();

function textFor(channels: { website: string; app: string; hotline: string }) {
  const card = makeCard('c', { type: 'fixed', endDate: '2026-03-12' }, { label: '紫卡', channels });
  const reminder = planReminders([card], settings).find((r) => r.deadlineKind === 'due');
  if (!reminder) throw new Error('no reminder planned');
  return reminderText(card, reminder, settings, NOW, 'en');
}

describe('reminderText names the hotline', () => {
  it('where the card has no website', () => {
    expect(textFor({ website: '', app: '', hotline: '611' }).message).toMatch(/ · call 611$/);
  });

  it('not where a renewal page opens from the notification', () => {
    expect(textFor({ website: 'https://my.ultra.me/', app: '', hotline: '611' }).message).not.toMatch(/call/);
  });

  it('not where there is no hotline either', () => {
    expect(textFor({ website: '', app: '', hotline: '  ' }).message).not.toMatch(/call/);
  });
});
