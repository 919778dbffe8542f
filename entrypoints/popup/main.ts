import '../../components/base.css';
import { firstScreenPainted } from './first-screen-handoff';
import { afterNextPaint } from '../../lib/browser/after-paint';

/*
 * The popup's module script. popup.html has painted the popup's frame, and
 * popup-first.js has started adding the first screen the background keeps
 * ready: let the browser show it, then load React and the rest. Without a
 * usable first screen, React loads at once.
 */

void firstScreenPainted().then(async (painted) => {
  if (painted) await afterNextPaint();
  const { mountPopup } = await import('./mount');
  mountPopup(document.getElementById('first'), painted);
});
