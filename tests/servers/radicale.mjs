import { freePort, startGuarded } from './guarded.mjs';
import { writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * A real Radicale (CalDAV) server for the calendar tests and the benchmark:
 * a free localhost port, a throwaway storage folder, an htpasswd file with
 * plain passwords, and owner-only rights. `pause()` stops the server and
 * `resume()` starts it again on the same port and folder, to play a server
 * that goes away in the middle of a round and comes back.
 */

const RADICALE = process.env.RADICALE_PATH ?? 'radicale';

/**
 * Starts Radicale with these users (name → password).
 *
 * @param {{ users: Record<string, string> }} options
 * @returns {Promise<import('./radicale.d.mts').RadicaleServer>}
 * @example
 * const radicale = await startRadicale({ users: { alice: 'secret' } });
 * // … CalDAV at radicale.url (http://127.0.0.1:PORT/) …
 * await radicale.stop();
 */
export async function startRadicale({ users }) {
  const dir = await mkdtemp(join(tmpdir(), 'sim-keeper-radicale-'));
  const folder = join(dir, 'collections');
  const htpasswd = join(dir, 'users');
  const passwords = { ...users };
  const usersFile = () =>
    Object.entries(passwords)
      .map(([name, password]) => `${name}:${password}\n`)
      .join('');
  await writeFile(htpasswd, usersFile());
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/`;
  const args = [
    // No configuration file: only what is set here counts (the machine's /etc/radicale/config is not read).
    '--config',
    '--server-hosts',
    `127.0.0.1:${port}`,
    '--storage-filesystem-folder',
    folder,
    '--auth-type',
    'htpasswd',
    '--auth-htpasswd-filename',
    htpasswd,
    '--auth-htpasswd-encryption',
    'plain',
    // No delay after a failed login: the tests fail logins on purpose.
    '--auth-delay',
    '0',
    '--rights-type',
    'owner_only',
    '--logging-level',
    'warning',
  ];

  const server = await startGuarded({ name: 'radicale', dir, argv: [RADICALE, ...args], url });
  return {
    url,
    origin,
    port,
    folder,
    /** Changes (or adds) a user's password; Radicale reads the file at each login. */
    setPassword(user, password) {
      passwords[user] = password;
      writeFileSync(htpasswd, usersFile());
    },
    ...server,
  };
}

const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The display name of the calendar collection at `url`, or null when there is none. */
export async function collectionName(url, user, password) {
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

/** The addresses of the calendar objects (`.ics`) in the collection at `url`. */
export async function objectHrefs(url, user, password) {
  const response = await fetch(url, {
    method: 'PROPFIND',
    headers: { Authorization: basic(user, password), Depth: '1', 'Content-Type': 'application/xml' },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
  });
  if (response.status !== 207) throw new Error(`PROPFIND ${url}: ${response.status}`);
  return [...(await response.text()).matchAll(/<(?:\w+:)?href>([^<]+)<\/(?:\w+:)?href>/g)]
    .map((m) => new URL(m[1], url).href)
    .filter((href) => href !== url && href.endsWith('.ics'));
}
