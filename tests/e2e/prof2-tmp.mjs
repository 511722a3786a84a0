import { launch, byTestId } from './harness.mjs';
const [binary, dataDir, n] = process.argv.slice(2);
const out = [];
for (let i = 0; i < Number(n ?? 6); i++) {
  const s = await launch({ binary, dataDir });
  await byTestId(s.browser, 'current-person').waitForDisplayed({ timeout: 60000 });
  const tSeen = Date.now();
  const origin = await s.browser.execute(() => performance.timeOrigin);
  out.push(Math.round(tSeen - origin));
  await s.close();
}
out.sort((a, b) => a - b);
console.log('seen-origin', JSON.stringify(out), 'median', out[Math.floor(out.length / 2)]);
