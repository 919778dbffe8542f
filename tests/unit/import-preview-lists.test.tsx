// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportPreview } from '../../components/ImportPreview';
import type { ImportCandidates } from '../../lib/transfer/candidates';
import { previewImport } from '../../lib/transfer/preview';
import { makeCard } from './card-fixture';

afterEach(cleanup);

describe('ImportPreview with a large file', () => {
  it('shows the first 200 of each list and says how many more are imported', () => {
    const cards = Array.from({ length: 5_000 }, (_, i) => makeCard(`c${i}`));
    const candidates: ImportCandidates = { source: 'backup', cards, invalid: [], notes: [], settings: null };
    const { container } = render(
      <ImportPreview
        preview={previewImport({ cards: [], invalid: [] }, candidates)}
        candidates={candidates}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(container.querySelectorAll('[data-group="added"] li')).toHaveLength(200);
    expect(screen.getByText('…and 4800 more, not listed here.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('5000 new');
  });

  it('shows a short list whole, with no "more" line', () => {
    const cards = [makeCard('a'), makeCard('b')];
    const candidates: ImportCandidates = { source: 'backup', cards, invalid: [], notes: [], settings: null };
    const { container } = render(
      <ImportPreview
        preview={previewImport({ cards: [], invalid: [] }, candidates)}
        candidates={candidates}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(container.querySelectorAll('[data-group="added"] li')).toHaveLength(2);
    expect(screen.queryByText(/more, not listed here/)).toBeNull();
  });
});
