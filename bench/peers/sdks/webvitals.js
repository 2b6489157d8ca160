// web-vitals' attribution build, reported the way its README batches metrics: queued, then sent
// with sendBeacon (fetch keepalive where it refuses) when the page becomes hidden.
import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals/attribution';

const endpoint = `${__INTAKE__}/vitals`;
const queue = new Set();

function flushQueue() {
  if (queue.size === 0) return;
  const body = JSON.stringify([...queue]);
  if (!navigator.sendBeacon(endpoint, body)) fetch(endpoint, { body, method: 'POST', keepalive: true });
  queue.clear();
}

for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on((metric) => queue.add(metric));
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushQueue();
});
