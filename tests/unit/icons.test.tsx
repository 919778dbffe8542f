// @vitest-environment happy-dom
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as icons from '../../components/icons';
import { StatusBadge } from '../../components/StatusBadge';
import type { CardStatus } from '../../lib/cards/countdown';

afterEach(cleanup);

const iconComponents = Object.entries(icons).filter(([name]) => name.endsWith('Icon')) as [string, (p: object) => JSX.Element][];

describe('icons', () => {
  it.each(iconComponents)('%s is an SVG hidden from screen readers, in the text colour', (_, Icon) => {
    const { container } = render(<Icon />);
    const svg = container.querySelector('svg')!;
    expect(svg).toBeTruthy();
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.getAttribute('focusable')).toBe('false');
    expect(svg.innerHTML).toMatch(/currentColor|<path|<rect|<circle/);
    expect(svg.outerHTML).toContain('currentColor');
    expect(container.textContent).toBe('');
  });

  const statuses: CardStatus[] = ['ok', 'soon', 'urgent', 'overdue', 'lost', 'not-started', 'cannot-compute'];
  it('each status has its own shape, and the badge keeps its word', () => {
    const shapes = statuses.map((status) => {
      const { container } = render(<StatusBadge status={status} />);
      const svg = container.querySelector('svg.status-shape')!;
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(container.textContent?.trim()).not.toBe('');
      const shape = svg.innerHTML;
      cleanup();
      return shape;
    });
    expect(new Set(shapes).size).toBe(statuses.length);
  });
});

describe('no emoji or symbol glyph is used as an icon', () => {
  // Arrows, dingbats, geometric shapes, miscellaneous symbols and emoji: what shows as an empty box without the right font.
  const GLYPH = /[\u2190-\u21FF\u2300-\u23FF\u25A0-\u27BF\u2B00-\u2BFF\u{1F000}-\u{1FAFF}]/u;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.(tsx?|css|html)$/.test(name) ? [path] : [];
    });
  const root = join(__dirname, '../..');
  const sources = [...files(join(root, 'components')), ...files(join(root, 'entrypoints'))];

  it('checks the components and the entrypoints', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(GLYPH.test('⏸')).toBe(true);
    expect(GLYPH.test('✓ ↗ ⚙ ⚠')).toBe(true);
  });

  // The popup's first paint (plain DOM, before React loads) draws the same SVG icons, from icon-shapes.ts.
  it.each(sources.map((path) => [path.slice(root.length + 1), path]))('%s', (_, path) => {
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .map((line, index) => `${index + 1}: ${line.trim()}`)
      .filter((line) => GLYPH.test(line));
    expect(lines).toEqual([]);
  });
});
