import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { t } from '../browser/i18n';
import type { ReminderText } from './notification';

/*
 * "Send a test notification" in the settings: the page asks the background,
 * which shows it through the same code as a real reminder (same options, same
 * icon, same permission), so a test that works means reminders will work.
 */

/** The notification id of the test: outside `sim-keeper|…`, so no card is ever opened or snoozed from it. */
export const TEST_NOTIFICATION_ID = 'sim-keeper-test';

const requestSchema = z.object({ type: z.literal('sim-keeper:test-notification') });
/** What the settings page sends to the background. */
export type TestNotificationRequest = z.infer<typeof requestSchema>;

const replySchema = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: z.string() })]);
/** What the background answers: shown, or why not. */
export type TestNotificationReply = z.infer<typeof replySchema>;

/** Whether a runtime message is a request for a test notification (messages cross a trust boundary: check the shape). */
export function isTestNotificationRequest(message: unknown): message is TestNotificationRequest {
  return requestSchema.safeParse(message).success;
}

/** The words of the test notification, naming the time real reminders come at. */
export function testNotificationText(reminderTime: string): ReminderText {
  return { title: t('reminder_testTitle'), message: t('reminder_testMessage', reminderTime) };
}

/**
 * Asks the background to show a test notification; resolves to what it answered.
 * A background that does not answer (or answers nonsense) is reported as an error.
 */
export async function requestTestNotification(): Promise<TestNotificationReply> {
  const request: TestNotificationRequest = { type: 'sim-keeper:test-notification' };
  try {
    const reply = replySchema.safeParse(await browser.runtime.sendMessage(request));
    return reply.success ? reply.data : { ok: false, error: 'no answer from the background' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
