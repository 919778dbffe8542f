import '../../components/base.css';
import { paintFirstScreen } from './first-paint';
import { afterNextPaint } from '../../lib/browser/after-paint';

/*
 * The popup's only script at load: paint the first screen the background keeps
 * ready (a few kilobytes), let the browser show it, then load React and the rest.
 * Without a usable first screen, React loads at once.
 */

const first = document.getElementById('first')!;
void paintFirstScreen(first).then(async (painted) => {
  if (painted) await afterNextPaint();
  const { mountPopup } = await import('./mount');
  mountPopup(painted ? first : null);
});
