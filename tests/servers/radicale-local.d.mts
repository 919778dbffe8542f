/** A Radicale server started by `startRadicale` (tests/servers/radicale-local.mjs). */
export interface Radicale {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  origin: string;
  port: number;
  /** Changes (or adds) a user's password; Radicale reads the file at each login. */
  setPassword(user: string, password: string): void;
  stop(): Promise<void>;
}
export function startRadicale(options: { users: Record<string, string> }): Promise<Radicale>;
export function collectionName(url: string, user: string, password: string): Promise<string | null>;
export function objectHrefs(url: string, user: string, password: string): Promise<string[]>;
