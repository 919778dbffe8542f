/** A running Radicale; see radicale.mjs. */
export interface RadicaleServer {
  url: string;
  origin: string;
  port: number;
  folder: string;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Kills the server and removes its folder synchronously (for an `exit` handler). */
  stopNow(): void;
}

export function startRadicale(options: { users: Record<string, string> }): Promise<RadicaleServer>;
