import type { MessageKey } from '../browser/i18n';

/** Why a file cannot be imported: a message key for the user, with its substitutions. */
export interface TransferError {
  error: MessageKey;
  params?: string[];
}

/** A result that is either a value or a {@link TransferError}; nothing here throws at the caller. */
export type TransferResult<T> = ({ ok: true } & T) | ({ ok: false } & TransferError);

export function fail(error: MessageKey, ...params: string[]): { ok: false } & TransferError {
  return params.length ? { ok: false, error, params } : { ok: false, error };
}

/** Whether `value` is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
