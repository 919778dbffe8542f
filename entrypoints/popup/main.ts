import '../../components/base.css';
import { paintFirstScreen } from './first-paint';

/*
 * The popup's only script at load: paint the first screen the background keeps
 * ready (a few kilobytes), let the browser show it, then load React and the rest.
 * Without a usable first screen, React loads at once.
 */

/** The next frame after this one has been shown (rAF alone never fires in a hidden page). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

const first = document.getElementById('first')!;
void paintFirstScreen(first).then(async (painted) => {
  if (painted) await afterNextPaint();
  const { mountPopup } = await import('./mount');
  mountPopup(painted ? first : null);
});
