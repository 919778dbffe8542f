import type { WxtViteConfig } from 'wxt';

// The Vite that WXT runs (its own copy), so the hook's types match the build's.
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/*
 * React DOM's production build carries one function that writes `element.innerHTML`:
 * the setter behind the `dangerouslySetInnerHTML` prop, and nothing else calls it.
 * Firefox's add-on linter (`web-ext lint`, and AMO's review) flags both of its
 * `innerHTML` assignments as unsafe. SIM Keeper never renders HTML from strings
 * (Biome's `security/noDangerouslySetInnerHtml` rule is on), so the build swaps that
 * setter for one that throws: the capability is gone from the shipped code rather
 * than hidden from the linter. The match is exact: a React update that changes the
 * function fails the build here instead of shipping the old warning silently.
 */

/** The setter as it appears in react-dom 18.3's `cjs/react-dom.production.min.js`. */
const SET_INNER_HTML =
  '(function(a,b){if("http://www.w3.org/2000/svg"!==a.namespaceURI||"innerHTML"in a)a.innerHTML=b;else{mb=mb||document.createElement("div");mb.innerHTML="<svg>"+b.valueOf().toString()+"</svg>";for(b=mb.firstChild;a.firstChild;)a.removeChild(a.firstChild);for(;b.firstChild;)a.appendChild(b.firstChild)}})';
const REFUSE_INNER_HTML = '(function(){throw Error("SIM Keeper does not render HTML strings (dangerouslySetInnerHTML)")})';

const REACT_DOM_PRODUCTION = /[\\/]react-dom[\\/]cjs[\\/]react-dom\.production\.min\.js$/;

/** Replaces `setInnerHTML` in React DOM's production bundle with a function that throws. */
export function reactDomWithoutInnerHtml(): Plugin {
  return {
    name: 'sim-keeper:react-dom-without-inner-html',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!REACT_DOM_PRODUCTION.test(id)) return null;
      const at = code.indexOf(SET_INNER_HTML);
      if (at < 0 || code.indexOf(SET_INNER_HTML, at + 1) >= 0) {
        this.error(`React DOM's innerHTML setter was not found exactly once in ${id}; update scripts/react-dom-without-inner-html.ts`);
      }
      return { code: code.replace(SET_INNER_HTML, REFUSE_INNER_HTML), map: null };
    },
  };
}
