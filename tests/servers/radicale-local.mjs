// A real CalDAV server for the calendar tests (Chromium e2e and the Firefox smoke run): Radicale
// (Debian's `radicale`, or RADICALE_PATH) on a free port of 127.0.0.1, with plain htpasswd users in a
// directory of its own, removed on stop(). Written on branch calui while calcore writes
// tests/servers/radicale.mjs with the same startRadicale shape; once that lands, this file can go.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts Radicale with `users` (name → password); resolves once it answers. */
export async function startRadicale({ users }) {
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
      // No delay after a failed login: the tests fail logins on purpose.
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
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`Radicale did not start on ${origin}: ${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url: `${origin}/`,
    origin,
    port,
    /** Changes (or adds) a user's password; Radicale reads the file at each login. */
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
