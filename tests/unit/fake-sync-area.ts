import { SYNC_LIMITS } from '../../lib/sync/limits';

/*
 * A `storage.sync` area that refuses what Chrome refuses, with Chrome's own messages:
 * the write rates (checked first, as Chrome's quota service does before the call runs;
 * a refused call is not counted), then the 8 KB per item, the 100 KB in all and the
 * 512 items. A refused write changes nothing. The clock is the test's.
 */

/** Chrome's messages (extensions/browser/quota_service.cc and the settings quota enforcer). */
export const CHROME_ERRORS = {
  perMinute: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.',
  perHour: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.',
  perItem: 'Resource::kQuotaBytesPerItem quota exceeded',
  total: 'Resource::kQuotaBytes quota exceeded',
  items: 'Resource::kMaxItems quota exceeded',
} as const;

/**
 * An item's size as each browser counts it, written apart from lib/sync/limits.ts so that
 * a test of the plan against this area checks the plan's counting, not the same code twice.
 * Chrome: key plus base::JSONWriter's JSON in UTF-8, which writes `<`, U+2028 and U+2029 as
 * `\uXXXX` and a lone surrogate as U+FFFD (measured in Chromium 156, tests/e2e/sync.spec.ts).
 * Firefox: key plus JSON.stringify's JSON in UTF-8.
 */
export type Counting = 'chrome' | 'firefox';
const encoder = new TextEncoder();
export function browserItemBytes(key: string, value: unknown, counting: Counting): number {
  let json = JSON.stringify(value) ?? '';
  if (counting === 'chrome')
    json = json
      .replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
      .replace(/\\u(d[89a-f][0-9a-f]{2})/g, '\uFFFD');
  return encoder.encode(key).length + encoder.encode(json).length;
}

export type AreaWrite = { key: string; value: unknown | undefined };

export class FakeSyncArea {
  readonly items = new Map<string, unknown>();
  /** ms of every accepted write operation (set or remove). */
  readonly writes: number[] = [];
  /** Every refused call's error message. */
  readonly refused: string[] = [];
  /** Called with what each accepted write changed, as Chrome Sync would send it to other browsers. */
  onWrite: ((changes: AreaWrite[]) => void) | undefined;
  /** When set, every call fails like an unreachable or broken storage. */
  broken = false;

  constructor(
    private readonly clock: () => number,
    /** Whose byte counting to enforce. */
    readonly counting: Counting = 'chrome',
  ) {}

  private bytesOf(key: string, value: unknown): number {
    return browserItemBytes(key, value, this.counting);
  }

  async get(keys: null | string | string[] = null): Promise<Record<string, unknown>> {
    if (this.broken) throw new Error('An unexpected error occurred');
    const wanted = keys === null ? [...this.items.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const key of wanted) if (this.items.has(key)) out[key] = structuredClone(this.items.get(key));
    return out;
  }

  async getBytesInUse(keys: null | string | string[] = null): Promise<number> {
    if (this.broken) throw new Error('An unexpected error occurred');
    const wanted = keys === null ? [...this.items.keys()] : Array.isArray(keys) ? keys : [keys];
    let total = 0;
    for (const key of wanted) if (this.items.has(key)) total += this.bytesOf(key, this.items.get(key));
    return total;
  }

  private countWrite(): void {
    if (this.broken) throw new Error('An unexpected error occurred');
    const now = this.clock();
    const inLast = (ms: number) => this.writes.filter((at) => at > now - ms).length;
    const refuse = (message: string) => {
      this.refused.push(message);
      throw new Error(message);
    };
    if (inLast(60_000) >= SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE) refuse(CHROME_ERRORS.perMinute);
    if (inLast(3_600_000) >= SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_HOUR) refuse(CHROME_ERRORS.perHour);
    this.writes.push(now);
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.countWrite();
    const next = new Map(this.items);
    for (const [key, value] of Object.entries(items)) {
      if (this.bytesOf(key, value) > SYNC_LIMITS.QUOTA_BYTES_PER_ITEM) return this.refuse(CHROME_ERRORS.perItem);
      next.set(key, structuredClone(value));
    }
    let total = 0;
    for (const [key, value] of next) total += this.bytesOf(key, value);
    if (total > SYNC_LIMITS.QUOTA_BYTES) return this.refuse(CHROME_ERRORS.total);
    if (next.size > SYNC_LIMITS.MAX_ITEMS) return this.refuse(CHROME_ERRORS.items);
    for (const [key, value] of Object.entries(items)) this.items.set(key, structuredClone(value));
    this.onWrite?.(Object.entries(items).map(([key, value]) => ({ key, value: structuredClone(value) })));
  }

  async remove(keys: string | string[]): Promise<void> {
    this.countWrite();
    const list = Array.isArray(keys) ? keys : [keys];
    for (const key of list) this.items.delete(key);
    this.onWrite?.(list.map((key) => ({ key, value: undefined })));
  }

  /** Applies a change that arrived from another browser (Chrome Sync writes it in; no quota counts against us). */
  receive(change: AreaWrite): void {
    if (change.value === undefined) this.items.delete(change.key);
    else this.items.set(change.key, structuredClone(change.value));
  }

  private refuse(message: string): never {
    this.refused.push(message);
    throw new Error(message);
  }
}
