import { RemoteError } from '../remote/errors';
import type { RemoteClientOptions, RemoteCredentials } from '../remote/fetch';
import type { SharedKey } from '../transfer/crypto';
import { type FolderFiles, folderFiles, makeFolder } from './files';
import { type KeyOptions, MANIFEST_NAME, newFolderKey, parseManifest, unlockFolder } from './folder-key';

/*
 * Connecting to a folder, from the options page (before anything is stored): is it
 * a SIM Keeper folder already (then the passphrase must open it, or nothing is
 * written), or a new one (then it gets its manifest, made with the passphrase the
 * user typed twice)?
 */

/** What is at the address: a SIM Keeper folder, or a place for a new one (no folder yet, or one without a manifest). */
export type FolderKind = { kind: 'existing' } | { kind: 'new'; folderMissing: boolean };

/** Looks at the folder without writing anything. Throws a RemoteError (`auth`, `unreachable`, `newerFormat`, …). */
export async function inspectFolder(files: FolderFiles): Promise<FolderKind> {
  let listed: Map<string, string | null>;
  try {
    listed = await files.list();
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'calendarGone') return { kind: 'new', folderMissing: true };
    throw error;
  }
  if (!listed.has(MANIFEST_NAME)) return { kind: 'new', folderMissing: false };
  const file = await files.get(MANIFEST_NAME);
  if (!file) return { kind: 'new', folderMissing: false };
  parseManifest(file.text);
  return { kind: 'existing' };
}

export interface ConnectOptions extends KeyOptions, RemoteClientOptions {
  /** Make the folder and its manifest when there is none (the user confirmed the passphrase). */
  create: boolean;
  /** The folder's files (tests pass an in-memory folder); over the guarded fetch by default. */
  files?: FolderFiles;
}

/**
 * The folder's key: the passphrase opens the manifest there (`passphrase` error
 * otherwise, and nothing is written), or, with `create`, a new manifest is written
 * (`If-None-Match: *`: when another browser made one at the same moment, that one
 * is opened instead). Without `create` a folder with no manifest is `calendarGone`.
 */
export async function connectFolder(
  credentials: RemoteCredentials,
  passphrase: string,
  options: ConnectOptions,
): Promise<{ key: SharedKey; created: boolean }> {
  const files = options.files ?? folderFiles(credentials, options);
  const found = await inspectFolder(files);
  if (found.kind === 'new') {
    if (!options.create) throw new RemoteError('calendarGone', `the folder has no ${MANIFEST_NAME}`);
    if (found.folderMissing && !options.files) await makeFolder(credentials, options);
    const made = await newFolderKey(passphrase, options);
    const written = await files.put(MANIFEST_NAME, `${JSON.stringify(made.manifest, null, 2)}\n`, 'new');
    if (written.ok) return { key: made.key, created: true };
  }
  const file = await files.get(MANIFEST_NAME);
  if (!file) throw new RemoteError('calendarGone', `${MANIFEST_NAME} is gone`);
  return { key: await unlockFolder(parseManifest(file.text), passphrase, options), created: false };
}
