import { pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decryptBackup } from '../../lib/transfer/crypto';

// docs/backup.md promises that its worked example decrypts to the text it shows; keep it true.
describe('docs/backup.md', () => {
  const doc = readFileSync('docs/backup.md', 'utf8');
  const blocks = [...doc.matchAll(/```(?:json|text)\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());

  it('has a worked example that opens with its passphrase, at the full iteration count', async () => {
    const example = JSON.parse(blocks.find((block) => block.includes('sim-keeper-backup-encrypted'))!);
    expect(example.kdf.iterations).toBe(600_000);
    // Node's own PBKDF2 (the docs' Node script), at the file's 600,000 rounds.
    const nodeBits = async (passphrase: string, salt: Uint8Array, iterations: number) =>
      new Uint8Array(pbkdf2Sync(passphrase, salt, iterations, 64, 'sha256'));
    const opened = await decryptBackup(example, 'correct horse', { deriveBits: nodeBits });
    expect(opened).toEqual({ ok: true, json: blocks.find((block) => block.startsWith('{"format":"sim-keeper-backup"'))! });
    expect(await decryptBackup(example, 'Correct horse', { deriveBits: nodeBits })).toEqual({
      ok: false,
      error: 'import_errorWrongPassphrase',
    });
  }, 20_000);
});
