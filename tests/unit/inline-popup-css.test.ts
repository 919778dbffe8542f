import { describe, expect, it } from 'vitest';
import { inlinePopupCss } from '../../scripts/inline-popup-css';

type Asset = { type: 'asset'; source: string };
type GenerateBundle = (options: unknown, bundle: Record<string, Asset>) => void;
/** Runs the plugin's generateBundle hook as Vite would, with `this.error` throwing. */
function generate(bundle: Record<string, Asset>): Record<string, Asset> {
  const hook = inlinePopupCss().generateBundle as unknown as GenerateBundle;
  hook.call(
    {
      error: (message: string) => {
        throw new Error(message);
      },
    },
    {},
    bundle,
  );
  return bundle;
}
const asset = (source: string): Asset => ({ type: 'asset', source });
const PAGE = 'entrypoints/popup/index.html';

describe('the popup stylesheet written into popup.html', () => {
  it('replaces each link with the stylesheet, and leaves the other pages and the files alone', () => {
    const bundle = generate({
      [PAGE]: asset(
        '<head><link rel="stylesheet" crossorigin href="/assets/base-1.css"><link rel="modulepreload" href="/chunks/a.js"></head>',
      ),
      'entrypoints/options/index.html': asset('<link rel="stylesheet" crossorigin href="/assets/base-1.css">'),
      'assets/base-1.css': asset('.popup{width:360px}'),
    });
    expect(bundle[PAGE]!.source).toBe('<head><style>.popup{width:360px}</style><link rel="modulepreload" href="/chunks/a.js"></head>');
    expect(bundle['entrypoints/options/index.html']!.source).toContain('<link rel="stylesheet"');
    expect(bundle['assets/base-1.css']).toBeDefined();
  });

  it('fails the build on a stylesheet it cannot find or cannot write safely between <style> tags', () => {
    expect(() => generate({ [PAGE]: asset('<link rel="stylesheet" href="/assets/gone.css">') })).toThrow(/not in the build/);
    expect(() =>
      generate({
        [PAGE]: asset('<link rel="stylesheet" href="/assets/x.css">'),
        'assets/x.css': asset('a::after{content:"</style><script>"}'),
      }),
    ).toThrow(/cannot be inlined/);
  });
});
