import type { Card } from '../../lib/cards/schema';
import type { SettingsV1 } from '../../lib/store/settings-schema';
import { EMPTY_BASE, type SyncBase } from '../../lib/sync/merge-step';
import { addConfirmation, type SyncConfirmation, type SyncReview } from '../../lib/sync/review';
import type { DeriveBits, SharedKey } from '../../lib/transfer/crypto';
import type { FolderFiles, PutResult, RemoveResult } from '../../lib/webdav/files';
import { MANIFEST_NAME, newFolderKey } from '../../lib/webdav/folder-key';
import { folderRound, reviewOfRound, type FolderCache, type FolderRoundResult } from '../../lib/webdav/round';

/*
 * A WebDAV folder in memory that honours ETags the way a real server does (a new
 * ETag on every write, 412 for a failed `If-Match` or `If-None-Match: *`), and
 * browsers that sync with it through the real round (lib/webdav/round.ts). A
 * browser can be cut off (every request it makes fails as a network error), and
 * the calls of several browsers interleave at every `await`, as in real life.
 */

/** A stand-in for PBKDF2 (600,000 rounds take half a second): SHA-512 of salt and passphrase, 64 bytes. */
export const cheapDerive: DeriveBits = async (passphrase, salt) => {
  const input = new Uint8Array([...salt, ...new TextEncoder().encode(passphrase)]);
  return new Uint8Array(await crypto.subtle.digest('SHA-512', input));
};

export class MemoryFolder {
  readonly files = new Map<string, { text: string; etag: string }>();
  private serial = 0;
  puts = 0;
  removes = 0;
  refused = 0;

  write(name: string, text: string): string {
    const etag = `"${++this.serial}"`;
    this.files.set(name, { text, etag });
    return etag;
  }

  /** The folder as one browser sees it; `reachable()` false makes every call fail like a dropped connection. */
  view(reachable: () => boolean = () => true): FolderFiles {
    const gate = async () => {
      // A turn of the event loop before every answer, so rounds of several browsers interleave.
      await Promise.resolve();
      if (!reachable()) throw new TypeError('Failed to fetch');
    };
    return {
      list: async () => {
        await gate();
        return new Map([...this.files].map(([name, file]) => [name, file.etag]));
      },
      get: async (name) => {
        await gate();
        const file = this.files.get(name);
        return file ? { ...file } : null;
      },
      put: async (name, text, precondition): Promise<PutResult> => {
        await gate();
        const current = this.files.get(name);
        const fits =
          precondition === 'new' ? !current : current !== undefined && (precondition.etag === '*' || precondition.etag === current.etag);
        if (!fits) {
          this.refused++;
          return { ok: false, status: 412 };
        }
        this.puts++;
        return { ok: true, etag: this.write(name, text) };
      },
      remove: async (name, precondition): Promise<RemoveResult> => {
        await gate();
        const current = this.files.get(name);
        if (!current) return { ok: true };
        if (precondition.etag !== current.etag) {
          this.refused++;
          return { ok: false, status: 412 };
        }
        this.removes++;
        this.files.delete(name);
        return { ok: true };
      },
    };
  }
}

/** A new folder in memory with its manifest, and its key. */
export async function newMemoryFolder(passphrase = 'correct horse'): Promise<{ folder: MemoryFolder; key: SharedKey }> {
  const folder = new MemoryFolder();
  const { manifest, key } = await newFolderKey(passphrase, { deriveBits: cheapDerive });
  folder.write(MANIFEST_NAME, JSON.stringify(manifest));
  return { folder, key };
}

export class FolderBrowser {
  cards: Card[] = [];
  /** The last copy of each card deleted here (Recently deleted). */
  deletedHere = new Map<string, Card>();
  settings: SettingsV1 = {};
  base: SyncBase = EMPTY_BASE;
  cache: FolderCache = {};
  manifestEtag: string | null = null;
  online = true;
  errors: string[] = [];
  last: FolderRoundResult | undefined;
  /** ms of the last round that was not held, as the service keeps it (`lastSuccessAt`). */
  lastSuccessAt: number | null = null;
  /** A held round's cards, and the user's choices waiting to be applied, as the service keeps them. */
  held: SyncReview | undefined;
  confirmed: SyncConfirmation | undefined;
  private readonly files: FolderFiles;

  constructor(
    readonly device: string,
    folder: MemoryFolder | ((online: () => boolean) => FolderFiles),
    private readonly key: SharedKey,
    private readonly clock: () => number,
  ) {
    this.files = folder instanceof MemoryFolder ? folder.view(() => this.online) : folder(() => this.online);
  }

  /** One round, as the background runs it; a failure is recorded (the cards and base stay as they were written). */
  async sync(): Promise<boolean> {
    try {
      const now = new Date(this.clock());
      this.last = await folderRound({
        review: reviewOfRound({ lastSuccessAt: this.lastSuccessAt, confirmed: this.confirmed, base: this.base }, now),
        files: this.files,
        key: this.key,
        base: this.base,
        cache: this.cache,
        manifestEtag: this.manifestEtag,
        device: this.device,
        now,
        local: {
          read: async () => ({ cards: this.cards, keptAsideIds: new Set(), settings: this.settings, deletedHere: this.deletedHere }),
          updateCards: async (mutate) => {
            await Promise.resolve();
            this.cards = mutate(this.cards);
          },
          saveSettings: async (settings) => {
            this.settings = settings;
          },
          saveBase: async (base) => {
            this.base = base;
          },
        },
      });
      this.cache = this.last.cache;
      this.manifestEtag = this.last.manifestEtag;
      this.held = this.last.held;
      if (!this.held) {
        this.lastSuccessAt = now.getTime();
        this.confirmed = undefined;
      }
      return this.last.written > 0 || this.last.removed > 0;
    } catch (error) {
      this.errors.push((error as Error).message);
      return false;
    }
  }

  /** The user's choice for cards of a held round, as the options page sends it. */
  confirm(confirmation: SyncConfirmation): void {
    this.confirmed = addConfirmation(this.confirmed, confirmation);
  }
}
