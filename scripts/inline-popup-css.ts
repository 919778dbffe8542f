import type { WxtViteConfig } from 'wxt';

// The Vite that WXT runs (its own copy), so the hook's types match the build's.
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/*
 * The popup's stylesheets, written into popup.html as <style> elements. A
 * stylesheet the page links must be fetched before the page can paint anything,
 * and on the machines measured a fetch from the extension's package costs as
 * much as a blank page's whole first paint. Inline, the popup's frame (the
 * header that popup.html already holds) paints as soon as the HTML is parsed;
 * the cards follow from popup-first.js. Extension pages forbid inline scripts,
 * not inline styles. The stylesheet files stay in the build for the other pages.
 */

const STYLESHEET = /<link rel="stylesheet"[^>]*?href="\/([^"]+\.css)"[^>]*>/g;

/** Replaces each stylesheet link in the popup's page with the stylesheet's text. */
export function inlinePopupCss(): Plugin {
  return {
    name: 'sim-keeper:inline-popup-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_, bundle) {
      // WXT moves each page to <name>.html after the build; here it is still at its source path.
      const page = bundle['entrypoints/popup/index.html'];
      if (page?.type !== 'asset') return;
      page.source = String(page.source).replace(STYLESHEET, (_link, fileName: string) => {
        const sheet = bundle[fileName];
        if (sheet?.type !== 'asset') this.error(`popup.html links ${fileName}, which is not in the build`);
        const css = String(sheet.source);
        // The text goes between <style> tags: it must not be able to end them.
        if (/<\/style/i.test(css)) this.error(`${fileName} contains "</style"; it cannot be inlined`);
        return `<style>${css}</style>`;
      });
    },
  };
}
