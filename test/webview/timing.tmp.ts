import { startHarness, sendToWebview } from './harness';
import { largeSnapshot } from './fixtures/snapshots';
(async () => {
  let t = Date.now();
  const snap = largeSnapshot(2000); console.log('build', Date.now() - t); t = Date.now();
  const h = await startHarness(); console.log('start', Date.now() - t); t = Date.now();
  const { page } = await h.open('dark'); console.log('open', Date.now() - t); t = Date.now();
  await page.waitForFunction('window.__posted.length > 0');
  await sendToWebview(page, { type: 'snapshot', state: snap }); console.log('send', Date.now() - t); t = Date.now();
  await page.waitForSelector('.vt-row[data-id]'); console.log('render', Date.now() - t); t = Date.now();
  await page.click('button.sort[data-key="file"]'); console.log('sort', Date.now() - t); t = Date.now();
  await page.locator('.vt').focus(); await page.keyboard.press('End'); console.log('end', Date.now() - t); t = Date.now();
  await h.close();
})();
