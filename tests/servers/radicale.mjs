import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
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

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/*
 * Radicale runs under a small shell guard: if this process dies without stopping
 * it (a killed test worker: vitest bench runs no afterAll), the guard stops
 * Radicale and removes its folder within a second, so no server is left behind.
 * SIGTERM to the guard stops Radicale and keeps the folder (pause/stop).
 */
const GUARD = `
parent=$1; dir=$2; shift 2
"$@" &
server=$!
trap 'kill $server 2>/dev/null; wait $server; exit 0' TERM INT
while kill -0 "$parent" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1 & wait $!; done
kill $server 2>/dev/null; wait $server
kill -0 "$parent" 2>/dev/null || rm -rf "$dir"
`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the server answers HTTP at `url` (any status), or throws after `timeoutMs`. */
async function waitUntilAnswering(url, child, output, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`radicale exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`radicale did not answer at ${url} within ${timeoutMs} ms:\n${output.join('')}`);
}

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

  let child = null;
  const output = [];

  async function launch() {
    output.length = 0;
    child = spawn('sh', ['-c', GUARD, 'radicale-guard', String(process.pid), dir, RADICALE, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    await waitUntilAnswering(url, child, output);
  }

  async function halt() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  await launch();
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
    async pause() {
      await halt();
    },
    async resume() {
      await launch();
    },
    async stop() {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
    /** For an `exit` handler, where nothing can be awaited: kill the server and remove its folder now. */
    stopNow() {
      if (child && child.exitCode === null) child.kill('SIGKILL');
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
