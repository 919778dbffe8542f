import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createReminderService } from '../../lib/reminders/service';
import { MIDNIGHT_ALARM } from '../../lib/reminders/reconcile';
import { applyCatalogUpdate } from '../../lib/store/catalog-update';
import { isTestNotificationRequest } from '../../lib/reminders/test-notification';
import { createSyncService } from '../../lib/sync/service';
import { createFirstScreenService } from '../../lib/popup/first-screen-service';
import { browserTimeZone } from '../../lib/dates/plain-date';
import { uiLanguage } from '../../lib/browser/i18n';
import { createCalendarService } from '../../lib/calendar/service';
import { createWebDavService } from '../../lib/webdav/service';

// Listeners are registered synchronously, so an event that wakes the worker finds them; each is one line into lib/.
export default defineBackground(() => {
  const reminders = createReminderService({ browser, now: () => new Date() });
  const popupView = createFirstScreenService({ browser, browserZone: browserTimeZone, language: uiLanguage });
  browser.runtime.onInstalled.addListener((details) => reminders.handleInstalled(details));
  browser.runtime.onInstalled.addListener(({ reason }) => reason === 'update' && void applyCatalogUpdate(new Date()));
  browser.runtime.onInstalled.addListener(() => void popupView.refresh());
  browser.runtime.onStartup.addListener(() => reminders.handleStartup());
  browser.runtime.onStartup.addListener(() => void popupView.refresh());
  browser.alarms.onAlarm.addListener((alarm) => reminders.handleAlarm(alarm));
  browser.alarms.onAlarm.addListener((alarm) => alarm.name === MIDNIGHT_ALARM && void popupView.refresh());
  browser.notifications.onClicked.addListener((id) => reminders.handleNotificationClicked(id));
  browser.notifications.onButtonClicked?.addListener((id, index) => reminders.handleNotificationButton(id, index));
  // Answers only the settings page's test request; any other message is left for another listener.
  browser.runtime.onMessage.addListener((message) => (isTestNotificationRequest(message) ? reminders.showTestNotification() : undefined));
  reminders.watchStorage();
  const sync = createSyncService({ browser, now: () => new Date() });
  browser.runtime.onStartup.addListener(() => void sync.run());
  browser.runtime.onInstalled.addListener(() => void sync.run());
  browser.alarms.onAlarm.addListener((alarm) => void sync.handleAlarm(alarm));
  sync.watchStorage();
  popupView.watchStorage();
  const calendar = createCalendarService({ browser, now: () => new Date() });
  browser.runtime.onStartup.addListener(() => void calendar.handleStartup());
  browser.runtime.onInstalled.addListener(() => void calendar.handleStartup());
  browser.alarms.onAlarm.addListener((alarm) => void calendar.handleAlarm(alarm));
  // Answers only the options page's calendar requests (CalendarRequest); any other message is left for another listener.
  browser.runtime.onMessage.addListener((message) => calendar.handleMessage(message));
  calendar.watchStorage();
  const webdav = createWebDavService({ browser, now: () => new Date() });
  browser.runtime.onStartup.addListener(() => void webdav.run());
  browser.runtime.onInstalled.addListener(() => void webdav.run());
  browser.alarms.onAlarm.addListener((alarm) => void webdav.handleAlarm(alarm));
  // Answers only the options page's WebDAV requests (WebDavRequest); any other message is left for another listener.
  browser.runtime.onMessage.addListener((message) => webdav.handleMessage(message));
  webdav.watchStorage();
});
