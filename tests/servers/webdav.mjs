import { freePort, startGuarded } from './guarded.mjs';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
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

  const server = await startGuarded({ name: 'lighttpd', dir, argv: [LIGHTTPD, '-D', '-f', config], url: `${origin}/` });
  return {
    url: `${origin}/`,
    origin,
    port,
    root,
    ...server,
  };
}
