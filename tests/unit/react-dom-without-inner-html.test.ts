import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reactDomWithoutInnerHtml } from '../../scripts/react-dom-without-inner-html';

// The file the production build bundles, found from react-dom's package (its exports hide the cjs/ path).
const REACT_DOM_MIN = join(dirname(createRequire(import.meta.url).resolve('react-dom/package.json')), 'cjs/react-dom.production.min.js');

type Transform = (code: string, id: string) => { code: string } | null;
/** Runs the plugin's transform hook as Vite would, with `this.error` throwing. */
function transform(code: string, id: string) {
  const hook = reactDomWithoutInnerHtml().transform as unknown as Transform;
  const context = {
    error(message: string): never {
      throw new Error(message);
    },
  };
  return hook.call(context, code, id);
}

/** What each `.innerHTML =` in the code assigns. */
const innerHtmlAssignments = (code: string) => [...code.matchAll(/\.innerHTML=([^;,]*)/g)].map((m) => m[1]);

describe('React DOM without innerHTML', () => {
  it('leaves the installed react-dom only the constant innerHTML the linter accepts', () => {
    const original = readFileSync(REACT_DOM_MIN, 'utf8');
    // The setter's two (a variable, and a string built from one: both flagged by web-ext lint) and a constant.
    expect(innerHtmlAssignments(original)).toEqual(['b', '"<svg>"+b.valueOf().toString()+"</svg>"', '"<script>\\x3c/script>"']);
    const patched = transform(original, REACT_DOM_MIN)?.code ?? '';
    expect(innerHtmlAssignments(patched)).toEqual(['"<script>\\x3c/script>"']);
    expect(patched).toContain('throw Error("SIM Keeper does not render HTML strings');
  });

  it('fails the build when the setter is not found, instead of shipping it unnoticed', () => {
    expect(() => transform('module.exports = {};', '/x/node_modules/react-dom/cjs/react-dom.production.min.js')).toThrow(
      /not found exactly once/,
    );
  });

  it('touches no other file', () => {
    expect(transform('a.innerHTML=b', '/x/node_modules/other/index.js')).toBeNull();
    expect(transform('a.innerHTML=b', '/x/node_modules/react-dom/cjs/react-dom.development.js')).toBeNull();
  });
});
