/** A running Radicale; see radicale.mjs. */
export interface RadicaleServer {
  url: string;
  origin: string;
  port: number;
  folder: string;
  /** Changes (or adds) a user's password; Radicale reads the file at each login. */
  setPassword(user: string, password: string): void;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Kills the server and removes its folder synchronously (for an `exit` handler). */
  stopNow(): void;
}

export function startRadicale(options: { users: Record<string, string> }): Promise<RadicaleServer>;
export function collectionName(url: string, user: string, password: string): Promise<string | null>;
export function objectHrefs(url: string, user: string, password: string): Promise<string[]>;
