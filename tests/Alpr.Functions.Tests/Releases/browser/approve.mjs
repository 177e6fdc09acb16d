// Opens an approval link in headless Chromium, enters a comment, presses Approve, prints what the page says.
// Usage: node approve.mjs <link> <comment>   -> stdout: {"status":200,"title":"...","result":"..."}
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [link, comment] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'alpr-chromium-'));
// A fresh profile directory per run (playwright takes it as the persistent context's user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const opened = await page.goto(link);
  const requestShown = await page.locator('dl').innerText();
  await page.fill('#comment', comment);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#approve')]);
  const result = await page.locator('#result').innerText();
  console.log(JSON.stringify({ opened: opened.status(), requestShown, status: response.status(), title: await page.title(), result }));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
