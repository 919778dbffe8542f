import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * A real WebDAV server for the WebDAV-folder tests: lighttpd with mod_webdav
 * (Debian's `lighttpd` and `lighttpd-mod-webdav`) on a free localhost port, a
 * throwaway document folder, Basic auth with plain passwords. lighttpd, not
 * `rclone serve webdav`: rclone 1.60 ignores `If-Match` and `If-None-Match`
 * (a PUT with a wrong ETag answers 201), and the folder's safety rests on them;
 * tests/webdav/server.test.ts checks that this server answers 412.
 * `pause()` stops the server and `resume()` starts it again on the same port and
 * folder, to play a server that goes away in the middle of a round.
 */

const LIGHTTPD = process.env.LIGHTTPD_PATH ?? (existsSync('/usr/sbin/lighttpd') ? '/usr/sbin/lighttpd' : 'lighttpd');

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

/* The server runs under a small shell guard that stops it and removes its folder if this process dies first. */
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

async function waitUntilAnswering(url, child, output, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`lighttpd exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`lighttpd did not answer at ${url} within ${timeoutMs} ms:\n${output.join('')}`);
}

/**
 * Starts lighttpd with WebDAV at `/` for these users (name → password).
 *
 * @param {{ users: Record<string, string> }} options
 * @returns {Promise<import('./webdav.d.mts').WebDavServer>}
 */
export async function startWebDav({ users }) {
  const dir = await mkdtemp(join(tmpdir(), 'sim-keeper-webdav-'));
  const root = join(dir, 'root');
  mkdirSync(root);
  const usersFile = join(dir, 'users');
  await writeFile(
    usersFile,
    Object.entries(users)
      .map(([name, password]) => `${name}:${password}\n`)
      .join(''),
  );
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = join(dir, 'lighttpd.conf');
  await writeFile(
    config,
    [
      `server.document-root = "${root}"`,
      `server.port = ${port}`,
      'server.bind = "127.0.0.1"',
      `server.upload-dirs = ( "${dir}" )`,
      'server.modules += ( "mod_webdav", "mod_auth", "mod_authn_file" )',
      'webdav.activate = "enable"',
      'webdav.is-readonly = "disable"',
      'auth.backend = "plain"',
      `auth.backend.plain.userfile = "${usersFile}"`,
      'auth.require = ( "/" => ( "method" => "basic", "realm" => "webdav", "require" => "valid-user" ) )',
      '',
    ].join('\n'),
  );

  let child = null;
  const output = [];

  async function launch() {
    output.length = 0;
    child = spawn('sh', ['-c', GUARD, 'webdav-guard', String(process.pid), dir, LIGHTTPD, '-D', '-f', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    await waitUntilAnswering(`${origin}/`, child, output);
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
    url: `${origin}/`,
    origin,
    port,
    root,
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
    stopNow() {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
