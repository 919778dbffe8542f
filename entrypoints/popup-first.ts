import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { nameFrame, paintFirstScreen } from './popup/first-paint';
import { handOffFirstScreen } from './popup/first-screen-handoff';

/*
 * The popup's first script, built as /popup-first.js: a classic script that
 * popup.html runs as soon as its body is parsed, so the storage read starts
 * before any module has loaded. It names the frame popup.html has painted and
 * adds the first screen the background keeps ready (textContent only).
 */
export default defineUnlistedScript(() => {
  let painted: Promise<boolean> = Promise.resolve(false);
  try {
    const first = document.getElementById('first');
    const frame = first && nameFrame(first);
    if (frame) painted = paintFirstScreen(frame);
  } catch {
    // Nothing more is painted first; React renders the popup as usual.
  }
  handOffFirstScreen(painted);
});
