import { describe, expect, it } from 'vitest';
import { planCalendarEvents } from '../../lib/calendar/events';
import { emptyCalendarState, objectNameOf, reconcileCalendar } from '../../lib/calendar/reconcile';
import type { Card } from '../../lib/cards/schema';
import { FakeCalendar, foreignEvent } from './calendar-fake-server';
import { makeCard, makeSettings } from './reminders-fixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const settings = makeSettings({ timeZone: 'Asia/Shanghai', leadDays: [7, 1] });
const ultra = makeCard(
  'ultra',
  { type: 'fixed', endDate: '2026-03-10', graceDays: 30 },
  { label: '紫卡', timeZone: 'America/Los_Angeles' },
);
const gg = makeCard(
  'gg',
  { type: 'keepAlive', anchorDate: '2025-10-01', window: { count: 6, unit: 'months' } },
  { label: 'giffgaff', timeZone: 'Europe/London' },
);
const plan = (cards: Card[], now = NOW) => planCalendarEvents(cards, settings, { language: 'en', now });

describe('reconcileCalendar against an in-memory calendar', () => {
  it('writes each event once, and a second round sends no PUT and no DELETE', async () => {
    const server = new FakeCalendar();
    const first = await reconcileCalendar(server, server.url, plan([ultra, gg]), null);
    expect(first.counts).toEqual({ put: 3, deleted: 0, unchanged: 0 });
    expect(server.objects.size).toBe(3);
    server.log.length = 0;
    // Later: only DTSTAMP differs, which never counts.
    const second = await reconcileCalendar(server, server.url, plan([ultra, gg], new Date('2026-03-05T00:00:00Z')), first.state);
    expect(second.counts).toEqual({ put: 0, deleted: 0, unchanged: 3 });
    expect(server.log).toEqual([`REPORT ${server.url}`]);
    expect(second.state.written).toEqual(first.state.written);
  });

  it('never reads, rewrites or deletes an event it did not make, even one with a SIM Keeper-looking UID elsewhere', async () => {
    const server = new FakeCalendar();
    const dentistEtag = server.store('dentist.ics', foreignEvent('dentist-1@example.org'));
    const lookalike = server.store('copied.ics', foreignEvent('ultra-due@sim-keeper', 'copied by hand'));
    const first = await reconcileCalendar(server, server.url, plan([ultra]), null);
    await reconcileCalendar(server, server.url, plan([]), first.state);
    expect(server.objects.get(new URL('dentist.ics', server.url).href)).toEqual({
      data: foreignEvent('dentist-1@example.org'),
      etag: dentistEtag,
    });
    expect(server.objects.get(new URL('copied.ics', server.url).href)?.etag).toBe(lookalike);
    expect(server.log.filter((line) => /dentist|copied/.test(line))).toEqual([]);
    expect(server.objects.size).toBe(2);
  });

  it('an object under its name that is not its own is left alone', async () => {
    const server = new FakeCalendar();
    const [due] = plan([ultra]);
    const etag = server.store(objectNameOf(due!.uid), foreignEvent('squatter@example.org'));
    const result = await reconcileCalendar(server, server.url, [due!], null);
    expect(result.counts.put).toBe(0);
    expect(server.objects.get(new URL(objectNameOf(due!.uid), server.url).href)?.etag).toBe(etag);
    expect(server.count('DELETE')).toBe(0);
  });

  it('deletes its own event when the card is deleted, and only that one', async () => {
    const server = new FakeCalendar();
    server.store('dentist.ics', foreignEvent('dentist-1@example.org'));
    const first = await reconcileCalendar(server, server.url, plan([ultra, gg]), null);
    const second = await reconcileCalendar(server, server.url, plan([gg]), first.state);
    expect(second.counts).toEqual({ put: 0, deleted: 2, unchanged: 1 });
    expect(Object.keys(second.state.written)).toEqual(['gg-due@sim-keeper']);
    expect([...server.objects.values()].map((o) => /UID:(.*)\r/.exec(o.data)![1]).sort()).toEqual([
      'dentist-1@example.org',
      'gg-due@sim-keeper',
    ]);
  });

  it("keeps a copy the user edited by hand until SIM Keeper's own text changes", async () => {
    const server = new FakeCalendar();
    const first = await reconcileCalendar(server, server.url, plan([ultra]), null);
    const dueHref = first.state.written['ultra-due@sim-keeper']!.href;
    const edited = server.objects.get(dueHref)!.data.replace(/SUMMARY:[^\r]*/, 'SUMMARY:call Ultra on Monday');
    server.objects.set(dueHref, { data: edited, etag: '"by-hand"' });
    const second = await reconcileCalendar(server, server.url, plan([ultra]), first.state);
    expect(second.counts.put).toBe(0);
    expect(server.objects.get(dueHref)!.data).toBe(edited);
    expect(second.state.written['ultra-due@sim-keeper']!.etag).toBe('"by-hand"');
    // The card is renewed: SIM Keeper's text changes, so its new text replaces the edit.
    const renewed = { ...ultra, rule: { ...ultra.rule, endDate: '2026-04-10' } } as Card;
    const third = await reconcileCalendar(server, server.url, plan([renewed]), second.state);
    expect(third.counts.put).toBe(2);
    expect(server.objects.get(dueHref)!.data).toContain('DTSTART;VALUE=DATE:20260411');
  });

  it('an edit that lands between the read and the write (412) is read again and the write retried once', async () => {
    const server = new FakeCalendar();
    const first = await reconcileCalendar(server, server.url, plan([ultra]), null);
    const renewed = { ...ultra, rule: { ...ultra.rule, endDate: '2026-04-10' } } as Card;
    let raced = false;
    server.beforeWrite = (method, href) => {
      if (raced || method !== 'PUT') return;
      raced = true;
      server.objects.set(href, { data: server.objects.get(href)!.data, etag: '"raced"' });
    };
    const second = await reconcileCalendar(server, server.url, plan([renewed]), first.state);
    expect(second.counts.put).toBe(2);
    expect(server.count('PUT')).toBe(2 + 1 + 2);
    expect([...server.objects.values()].every((o) => o.etag !== '"raced"')).toBe(true);
  });

  it('a precondition that keeps failing is a conflict, and nothing is recorded', async () => {
    const server = new FakeCalendar();
    const first = await reconcileCalendar(server, server.url, plan([ultra]), null);
    const renewed = { ...ultra, rule: { ...ultra.rule, endDate: '2026-04-10' } } as Card;
    server.beforeWrite = (method, href) => {
      if (method === 'PUT') server.objects.set(href, { data: server.objects.get(href)!.data, etag: `"raced-${Math.random()}"` });
    };
    await expect(reconcileCalendar(server, server.url, plan([renewed]), first.state)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a round that stopped halfway (state not saved) is repaired: written objects adopted, the rest written', async () => {
    const server = new FakeCalendar();
    const events = plan([ultra, gg]);
    let puts = 0;
    server.beforeWrite = () => {
      if (++puts === 2) throw new Error('network went away');
    };
    await expect(reconcileCalendar(server, server.url, events, null)).rejects.toThrow('network went away');
    expect(server.objects.size).toBe(1);
    server.beforeWrite = null;
    const repaired = await reconcileCalendar(server, server.url, events, emptyCalendarState(server.url));
    expect(repaired.counts).toEqual({ put: 2, deleted: 0, unchanged: 1 });
    const again = await reconcileCalendar(server, server.url, events, repaired.state);
    expect(again.counts).toEqual({ put: 0, deleted: 0, unchanged: 3 });
  });

  it('a copy the server re-serialised is still known as its version by the hash it carries (record lost: adopted, not rewritten)', async () => {
    const server = new FakeCalendar();
    await reconcileCalendar(server, server.url, plan([ultra]), null);
    for (const [href, object] of server.objects) {
      // What a server may do: fold differently, change DTSTAMP, bare LF line ends.
      server.objects.set(href, {
        data: object.data.replace(/DTSTAMP:[^\r]*/, 'DTSTAMP:20300101T000000Z').replace(/\r\n/g, '\n'),
        etag: `${object.etag}-x`,
      });
    }
    server.log.length = 0;
    const adopted = await reconcileCalendar(server, server.url, plan([ultra]), null);
    expect(adopted.counts).toEqual({ put: 0, deleted: 0, unchanged: 2 });
    // Stripped of its hash, the copy matches no version: rewritten.
    for (const [href, object] of server.objects)
      server.objects.set(href, { data: object.data.replace(/X-SIM-KEEPER-HASH[^\n]*\n/, ''), etag: '"stripped"' });
    expect((await reconcileCalendar(server, server.url, plan([ultra]), null)).counts.put).toBe(2);
  });

  it('an event deleted on the server by hand is written again', async () => {
    const server = new FakeCalendar();
    const first = await reconcileCalendar(server, server.url, plan([gg]), null);
    server.objects.clear();
    const second = await reconcileCalendar(server, server.url, plan([gg]), first.state);
    expect(second.counts.put).toBe(1);
    expect(server.objects.size).toBe(1);
  });

  it('records for another calendar are ignored', async () => {
    const server = new FakeCalendar();
    const elsewhere = await reconcileCalendar(
      new FakeCalendar('https://dav.example.org/cal/other/'),
      'https://dav.example.org/cal/other/',
      plan([gg]),
      null,
    );
    const result = await reconcileCalendar(server, server.url, plan([gg]), elsewhere.state);
    expect(result.counts.put).toBe(1);
    expect(result.state.calendarUrl).toBe(server.url);
  });
});
