// What the test servers (radicale.mjs, webdav.mjs) share: a free port, and a server process
// run under a guard that stops it and removes its folder if the test process dies first.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A port nothing listens on right now. */
export function freePort() {
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
 * The server runs under a small shell guard: if this process dies without stopping it
 * (a killed test worker: vitest bench runs no afterAll), the guard stops the server and
 * removes its folder within a second, so no server is left behind. SIGTERM to the guard
 * stops the server and keeps the folder (pause/stop).
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
async function waitUntilAnswering(name, url, child, output, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms:\n${output.join('')}`);
}

/**
 * Starts `command` (`argv`) under the guard, with `dir` as its throwaway folder, and waits
 * until it answers at `url`. `pause()` stops it and `resume()` starts it again on the same
 * port and folder; `stop()` stops it and removes the folder; `stopNow()` is for an `exit`
 * handler, where nothing can be awaited.
 */
export async function startGuarded({ name, dir, argv, url }) {
  let child = null;
  const output = [];

  async function launch() {
    output.length = 0;
    child = spawn('sh', ['-c', GUARD, `${name}-guard`, String(process.pid), dir, ...argv], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    await waitUntilAnswering(name, url, child, output);
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
