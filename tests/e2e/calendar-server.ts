import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';

/*
 * A real CalDAV server for the calendar tests: Radicale (Debian's `radicale`, or
 * RADICALE_PATH) on a free port of 127.0.0.1, with plain htpasswd users in a
 * directory of its own. calcore is writing tests/servers/radicale.mjs with the same
 * shape; once it lands, this file can give way to it.
 */

export interface Radicale {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  origin: string;
  port: number;
  /** Changes (or adds) a user's password; Radicale reads the file at each login. */
  setPassword(user: string, password: string): void;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startRadicale({ users }: { users: Record<string, string> }): Promise<Radicale> {
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-radicale-'));
  const port = await freePort();
  const passwords = { ...users };
  const writeUsers = () =>
    writeFileSync(
      join(dir, 'users'),
      Object.entries(passwords)
        .map(([name, password]) => `${name}:${password}\n`)
        .join(''),
    );
  writeUsers();
  writeFileSync(
    join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const child = spawn(process.env.RADICALE_PATH ?? '/usr/bin/radicale', ['--config', join(dir, 'config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log += String(chunk);
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Radicale exited (${child.exitCode}): ${log}`);
    try {
      await fetch(`${origin}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Radicale did not start on ${origin}: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url: `${origin}/`,
    origin,
    port,
    setPassword(user, password) {
      passwords[user] = password;
      writeUsers();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One VEVENT as read back from the server by ical.js, independent of the extension's own writer. */
export interface ServerEvent {
  href: string;
  uid: string;
  summary: string;
  /** `YYYY-MM-DD` for an all-day event. */
  start: string;
  allDay: boolean;
  /** Each VALARM's trigger as written: an absolute UTC time (`…Z`), or a duration. */
  triggers: string[];
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Every event in the calendar at `calendarUrl`: PROPFIND for the objects, GET each, parse with ical.js. */
export async function readEvents(calendarUrl: string, user: string, password: string): Promise<ServerEvent[]> {
  const listing = await fetch(calendarUrl, {
    method: 'PROPFIND',
    headers: { Authorization: basic(user, password), Depth: '1', 'Content-Type': 'application/xml' },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
  });
  if (listing.status !== 207) throw new Error(`PROPFIND ${calendarUrl}: ${listing.status}`);
  const hrefs = [...(await listing.text()).matchAll(/<(?:\w+:)?href>([^<]+)<\/(?:\w+:)?href>/g)]
    .map((m) => new URL(m[1]!, calendarUrl).href)
    .filter((href) => href !== calendarUrl && href.endsWith('.ics'));
  const events: ServerEvent[] = [];
  for (const href of hrefs) {
    const response = await fetch(href, { headers: { Authorization: basic(user, password) } });
    if (!response.ok) throw new Error(`GET ${href}: ${response.status}`);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
      const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
      events.push({
        href,
        uid: String(vevent.getFirstPropertyValue('uid')),
        summary: String(vevent.getFirstPropertyValue('summary') ?? ''),
        start: start.toString().slice(0, 10),
        allDay: start.isDate,
        triggers: vevent.getAllSubcomponents('valarm').map((alarm) => {
          const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Time | ICAL.Duration;
          return trigger instanceof ICAL.Time
            ? `${trigger.toString()}${trigger.zone === ICAL.Timezone.utcTimezone ? 'Z' : ''}`
            : trigger.toString();
        }),
      });
    }
  }
  return events.sort((a, b) => a.uid.localeCompare(b.uid));
}

/** The display name of the collection at `url`, or null when it is not there. */
export async function collectionName(url: string, user: string, password: string): Promise<string | null> {
  const response = await fetch(url, {
    method: 'PROPFIND',
    headers: { Authorization: basic(user, password), Depth: '0', 'Content-Type': 'application/xml' },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:displayname/><d:resourcetype/></d:prop></d:propfind>',
  });
  if (response.status === 404) return null;
  const text = await response.text();
  if (!/calendar\s*\/>/.test(text)) return null;
  return /<(?:\w+:)?displayname>([^<]*)</.exec(text)?.[1] ?? '';
}
