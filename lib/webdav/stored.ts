import * as z from 'zod/mini';
import type { RemoteErrorCode } from '../remote/errors';
import type { SyncBase } from '../sync/merge-step';
import type { SyncConfirmation, SyncReview } from '../sync/review';
import { parseSyncBase } from '../sync/status';
import type { FolderCache } from './round';

/*
 * The stored shapes of the WebDAV folder link, read through schemas: an account that
 * does not parse is treated as no account (and left in storage as it is); a state
 * that does not parse is started afresh (it is a record: the next round reads the
 * folder again and merges, nothing is lost).
 */

/** What the user connected: `local:webdavAccount`. */
export interface WebDavAccount {
  /** The folder's address, normalised, ending with `/` (`https:`, or `http:` on this computer only). */
  folderUrl: string;
  username: string;
  /** An app password. `storage.local` only. */
  password: string;
  /** The folder's passphrase. `storage.local` only: never synced, never in a backup, never sent. */
  passphrase: string;
  connectedAt: string;
}

/** How the folder link stands: `local:webdavState` (small, written every round). */
export interface WebDavState {
  folderUrl: string;
  /** This browser's device id, in every clock it makes. */
  device: string;
  manifestEtag: string | null;
  last:
    | { at: string; ok: true; read: number; written: number; cards: number; unreadable: number }
    | { at: string; ok: false; code: RemoteErrorCode; detail: string }
    | null;
  lastSuccessAt: string | null;
  failures: number;
  /**
   * A round held until the user decides about these cards: this browser joins the folder,
   * or was away from it longer than tombstones are kept (lib/sync/review.ts). The options page asks.
   */
  review?: SyncReview;
  /** Why the round is held: this browser joins the folder (its record knew no card), or was away longer than 60 days. */
  heldFor?: 'joining' | 'away';
  /** The user's choices for a held round, applied by the next rounds until one succeeds. */
  confirmed?: SyncConfirmation;
}

/** What this browser knows of the folder's files and its merge base: `local:webdavRecord` (written only when it changed). */
export interface WebDavRecord {
  folderUrl: string;
  base: SyncBase;
  cache: FolderCache;
}

/** Messages the options page sends the background. */
export type WebDavRequest =
  | { type: 'webdav:syncNow' }
  | { type: 'webdav:disconnect' }
  /** The user's choices for the cards of a held round; a round follows. */
  | { type: 'webdav:confirm'; confirmation: SyncConfirmation };

const accountSchema = z.object({
  folderUrl: z.string(),
  username: z.string(),
  password: z.string(),
  passphrase: z.string(),
  connectedAt: z.string(),
});

const stateSchema = z.object({
  folderUrl: z.string(),
  device: z.string().check(z.regex(/^[a-z0-9]{1,16}$/)),
  manifestEtag: z.nullable(z.string()),
  last: z.nullable(
    z.union([
      z.object({ at: z.string(), ok: z.literal(true), read: z.number(), written: z.number(), cards: z.number(), unreadable: z.number() }),
      z.object({ at: z.string(), ok: z.literal(false), code: z.string(), detail: z.string() }),
    ]),
  ),
  lastSuccessAt: z.nullable(z.string()),
  failures: z.number(),
  review: z.optional(z.unknown()),
  heldFor: z.optional(z.unknown()),
  confirmed: z.optional(z.unknown()),
});

const reviewCards = z.array(z.object({ id: z.string(), label: z.string() }));
const reviewSchema = z.object({ deleteHere: reviewCards, deleteElsewhere: reviewCards, returning: reviewCards });
const confirmationSchema = z.object({ keep: z.array(z.string()), remove: z.array(z.string()) });

export function parseWebDavAccount(raw: unknown): WebDavAccount | null {
  const parsed = accountSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * The state, or `null` when it cannot be read. A review or confirmation that cannot be
 * read is left out, not the state: the review is worked out again by the next round
 * (from `lastSuccessAt`), and choices left out are asked for again.
 */
export function parseWebDavState(raw: unknown): WebDavState | null {
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { review, heldFor, confirmed, ...rest } = parsed.data;
  const readReview = reviewSchema.safeParse(review);
  const readConfirmed = confirmationSchema.safeParse(confirmed);
  return {
    ...(rest as Omit<WebDavState, 'review' | 'heldFor' | 'confirmed'>),
    ...(readReview.success ? { review: readReview.data } : {}),
    ...(heldFor === 'joining' || heldFor === 'away' ? { heldFor } : {}),
    ...(readConfirmed.success ? { confirmed: readConfirmed.data } : {}),
  };
}

const recordSchema = z.object({
  folderUrl: z.string(),
  base: z.unknown(),
  cache: z.record(z.string(), z.object({ etag: z.nullable(z.string()), key: z.string(), item: z.unknown() })),
});

/** The record, or `null` when there is none or it cannot be read (then the next round starts afresh and loses nothing). */
export function parseWebDavRecord(raw: unknown): WebDavRecord | null {
  const parsed = recordSchema.safeParse(raw);
  return parsed.success ? { folderUrl: parsed.data.folderUrl, base: parseSyncBase(parsed.data.base), cache: parsed.data.cache } : null;
}

export function isWebDavRequest(message: unknown): message is WebDavRequest {
  const type = (message as { type?: unknown } | null)?.type;
  if (type === 'webdav:confirm') return confirmationSchema.safeParse((message as { confirmation?: unknown }).confirmation).success;
  return type === 'webdav:syncNow' || type === 'webdav:disconnect';
}
