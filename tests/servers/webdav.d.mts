/** A running lighttpd with WebDAV; see webdav.mjs. */
export interface WebDavServer {
  /** `http://127.0.0.1:PORT/`: the server's root, a WebDAV collection. */
  url: string;
  origin: string;
  port: number;
  /** The folder on disk the server serves (to read what the server stores). */
  root: string;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Kills the server and removes its folder synchronously (for an `exit` handler). */
  stopNow(): void;
}

export function startWebDav(options: { users: Record<string, string> }): Promise<WebDavServer>;
