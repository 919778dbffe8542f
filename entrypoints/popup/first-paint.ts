import {
  progressPercent,
  usableFirstScreen,
  type FirstScreenAction,
  type FirstScreenRow,
  type FirstScreenView,
} from '../../lib/popup/first-screen-check';
import type { CardStatus } from '../../lib/cards/countdown';
import { CHECK, EXTERNAL, PAUSE, STATUS_SHAPES, svgAttributes, type IconShape } from '../../components/icon-shapes';
import { browserTimeZone } from '../../lib/dates/browser-zone';

/*
 * The popup's first paint, before React and the rest of the code have loaded:
 * the first screen the background keeps ready, painted with textContent only
 * (nothing from storage is ever parsed as HTML), in the same markup, classes and
 * icons (icon-shapes.ts) as the React popup, so the switch is invisible. It is inert: React takes over
 * within a few frames, and only React's buttons act.
 */

type Api = {
  storage: { local: { get(keys: string[]): Promise<Record<string, unknown>> } };
  i18n: { getUILanguage(): string; getMessage(key: string): string };
};
const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome) as Api;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An icon as React's icons.tsx draws it, from the same data. */
function svg(shape: IconShape | undefined, className?: string): SVGSVGElement | Text {
  if (!shape) return document.createTextNode('');
  const node = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries(svgAttributes(shape, className))) node.setAttribute(name, value);
  for (const [tag, attributes] of shape.parts) {
    const part = node.appendChild(document.createElementNS(SVG, tag));
    for (const [name, value] of Object.entries(attributes)) part.setAttribute(name, value);
  }
  return node;
}

// The icons a button may carry; external goes after the words, as PopupCard draws it.
const ACTION_ICONS: Record<NonNullable<FirstScreenAction['icon']>, IconShape> = { check: CHECK, pause: PAUSE, external: EXTERNAL };

function actionElement(action: FirstScreenAction): HTMLButtonElement {
  const button = el('button', action.tone === 'plain' ? 'button' : `button ${action.tone}`);
  button.type = 'button';
  const icon = action.icon ? ACTION_ICONS[action.icon] : undefined;
  if (action.icon === 'external') button.append(action.text, ' ', svg(icon));
  else if (icon) button.append(svg(icon), ' ', action.text);
  else button.append(action.text);
  if (action.price) button.appendChild(el('span', 'quick-price', ` · ${action.price}`));
  return button;
}

function rowElement(row: FirstScreenRow, now: number): HTMLLIElement {
  const li = el('li', `card card-${row.status}`);
  li.dataset.cardId = row.id;
  li.setAttribute('aria-label', row.label);
  const main = li.appendChild(el('div', 'card-main'));
  const title = main.appendChild(el('div', 'card-title'));
  title.appendChild(el('span', 'card-label', row.label));
  const meta = title.appendChild(el('span', 'card-meta'));
  if (row.provider) meta.appendChild(el('span', 'nowrap', row.provider));
  // The separator travels with the number, so a line never ends on a lone "·" (PopupCard does the same).
  if (row.provider && row.maskedNumber) meta.append(' ');
  if (row.maskedNumber) meta.appendChild(el('span', 'nowrap', row.provider ? `· ${row.maskedNumber}` : row.maskedNumber));
  main.appendChild(el('div', 'card-countdown', row.countdown));
  const sub = li.appendChild(el('div', 'card-sub'));
  const status = sub.appendChild(el('span', `status status-${row.status}`));
  status.append(svg(STATUS_SHAPES[row.status as CardStatus], 'status-shape'), ` ${row.statusText}`);
  sub.appendChild(el('span', 'card-due', row.due));
  if (row.warning) li.appendChild(el('div', 'card-warning', row.warning));
  if (row.progress) {
    const percent = progressPercent(row.progress, now);
    const bar = li.appendChild(el('div', 'progress'));
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-label', row.progress.label);
    bar.setAttribute('aria-valuenow', String(percent));
    bar.appendChild(el('div', 'progress-fill')).style.width = `${percent}%`;
  }
  if (row.snoozed) li.appendChild(el('div', 'card-snoozed muted')).append(svg(PAUSE), ` ${row.snoozed}`);
  if (row.hotline) {
    const line = li.appendChild(el('div', 'card-channels'));
    line.append(el('span', 'muted', row.hotline.heading), ' ');
    const number = line.appendChild(el(row.hotline.dial ? 'a' : 'span', undefined, row.hotline.number));
    // Only a tel: link, as telHref makes it; the frame is inert, so it is never followed from here.
    if (row.hotline.dial?.startsWith('tel:')) number.setAttribute('href', row.hotline.dial);
    line.appendChild(el('button', 'link-button', row.hotline.copy)).type = 'button';
  }
  const actions = li.appendChild(el('div', 'card-actions'));
  // The last two actions wrap together, so Edit never sits alone on a line (PopupCard does the same).
  const end = Math.max(row.actions.length - 2, 0);
  for (const action of row.actions.slice(0, end)) actions.appendChild(actionElement(action));
  const together = actions.appendChild(el('span', 'card-actions-end'));
  for (const action of row.actions.slice(end)) together.appendChild(actionElement(action));
  return li;
}

/** The first screen below the header, as PopupApp renders it. */
function screenBody(view: FirstScreenView, now: number): DocumentFragment {
  const { texts } = view;
  const body = document.createDocumentFragment();
  if (texts.invalid) body.appendChild(el('p', 'banner banner-error', texts.invalid));
  if (texts.empty) {
    const empty = body.appendChild(el('section', 'empty'));
    empty.appendChild(el('h2', undefined, texts.empty.title));
    empty.appendChild(el('p', undefined, texts.empty.body));
    empty.appendChild(el('button', 'button primary', texts.empty.add)).type = 'button';
    return body;
  }
  if (texts.search) {
    const search = body.appendChild(el('input', 'search-input'));
    search.type = 'search';
    search.placeholder = texts.search;
    search.setAttribute('aria-label', texts.search);
  }
  const scroller = body.appendChild(el('div', 'card-scroll'));
  let list = scroller.appendChild(el('ul', 'card-list'));
  view.rows.forEach((row, index) => {
    // The numbers already lost: a list of their own under their heading, in the last item (as CardList).
    if (index === view.lostFrom && texts.lostHeading) {
      const group = list.appendChild(el('li', 'card-group'));
      group.appendChild(el('h2', undefined, texts.lostHeading));
      list = group.appendChild(el('ul', 'card-list'));
    }
    list.appendChild(rowElement(row, now));
  });
  return body;
}

/**
 * Names the frame popup.html paints with the HTML (its header), in the user's
 * language: the messages are read synchronously, with no storage read. Returns
 * the frame's <main>, or `null` when the page has no frame (nothing is painted).
 */
export function nameFrame(container: HTMLElement): HTMLElement | null {
  const main = container.querySelector<HTMLElement>(':scope > main.popup');
  const title = main?.querySelector(':scope > .popup-header > h1');
  const gear = main?.querySelector(':scope > .popup-header > .icon-button');
  if (!main || !title || !gear) return null;
  // As mount.tsx does: the page's title, and the language the messages are in (for screen readers).
  const name = api.i18n.getMessage('extName');
  const settings = api.i18n.getMessage('popup_openOptions');
  document.title = name;
  document.documentElement.lang = api.i18n.getMessage('meta_language') || 'en';
  title.textContent = name;
  gear.setAttribute('aria-label', settings);
  gear.setAttribute('title', settings);
  return main;
}

/**
 * Paints the stored first screen into the frame `main` (below its header) when
 * it is still true at this instant, and resolves whether it did. Never throws:
 * on any doubt, only the frame is shown and the popup renders as usual.
 */
export async function paintFirstScreen(main: HTMLElement): Promise<boolean> {
  try {
    const stored = await api.storage.local.get(['popupView', 'cardsRevision', 'settings']);
    const now = Date.now();
    const view = usableFirstScreen(stored.popupView, {
      revision: stored.cardsRevision,
      settings: stored.settings,
      browserZone: browserTimeZone(),
      language: api.i18n.getUILanguage() || 'en',
      now,
    });
    if (!view) return false;
    main.append(screenBody(view, now));
    return true;
  } catch {
    return false;
  }
}
