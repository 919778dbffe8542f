/*
 * Reminders: what pages may use. The background wires `createReminderService`;
 * the popup offers `snoozeCard` where notifications have no buttons (Firefox).
 */
export { createReminderService, type ReminderService, type ReminderServiceOptions } from './service';
export { snoozeCard, snoozeUntil } from './snooze';
export { planReminders, type PlannedReminder } from './plan';
export { badgeState } from './badge';
