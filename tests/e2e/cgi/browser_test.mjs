// Drives headless Debian Chromium through the CGI page served by lighttpd
// (started by run.sh): search, page forward and back, click a facet, remove
// its chip, hostile and malformed requests, JSON, a phone-sized viewport.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.PRESSA_URL;
assert.ok(base, 'PRESSA_URL is not set (run tests/e2e/cgi/run.sh)');
const screenshot = process.env.SCREENSHOT;

const context = await chromium.launchPersistentContext(process.env.USER_DATA_DIR, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--lang=ru-RU'],
  viewport: { width: 1200, height: 900 },
  locale: 'ru-RU',
});
context.setDefaultTimeout(15000);
const page = context.pages()[0] ?? await context.newPage();
const dialogs = [];
page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
// The page may load nothing but itself: every other request is a failure.
const foreign = [];
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });

let passed = 0;
async function step(name, fn) {
  await fn();
  passed += 1;
  console.log(`ok ${passed} - ${name}`);
}

const countOf = async () => {
  const text = (await page.locator('.count').innerText()).replace(/\u202F/g, '');
  const m = text.match(/^(\d+) результат/);
  assert.ok(m, `count line: ${text}`);
  return Number(m[1]);
};
const hitIds = async () => page.locator('.hit .id').allInnerTexts();

let total = 0;
let firstPage = [];

try {
  await step('bare page with headers', async () => {
    const resp = await page.goto(`${base}?limit=2`);
    assert.equal(resp.status(), 200);
    const h = resp.headers();
    assert.equal(h['content-type'], 'text/html; charset=utf-8');
    assert.match(h['content-security-policy'], /default-src 'none'/);
    assert.equal(h['x-content-type-options'], 'nosniff');
    assert.match(await page.title(), /Пресса/);
    assert.equal(await page.locator('input[name=q]').count(), 1);
    // The stylesheet is allowed by its CSP hash: a mismatch would leave the page unstyled.
    const bg = await page.locator('.search button').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(bg, 'rgb(31, 95, 191)');
  });

  await step('search "экспорт" shows highlighted results', async () => {
    await page.fill('input[name=q]', 'экспорт');
    await Promise.all([page.waitForURL(/[?&]q=/), page.press('input[name=q]', 'Enter')]);
    total = await countOf();
    assert.ok(total >= 3, `expected at least 3 results, got ${total}`);
    assert.equal(await page.locator('.hit').count(), 2);  // limit=2 rode along in the form
    assert.ok(await page.locator('.hit mark').count() >= 1, 'no highlighted words');
    const marks = (await page.locator('.hit mark').allInnerTexts()).map((t) => t.toLowerCase());
    assert.ok(marks.some((t) => t.startsWith('экспорт')), `marks: ${marks}`);
    assert.equal(await page.inputValue('input[name=q]'), 'экспорт');
    firstPage = await hitIds();
  });

  await step('page forward and back', async () => {
    await Promise.all([page.waitForURL(/page=2/), page.click('a[rel=next]')]);
    assert.equal(await page.locator('.pages [aria-current=page]').innerText(), '2');
    assert.equal(await countOf(), total);
    const second = await hitIds();
    assert.ok(second.length >= 1);
    for (const id of second) assert.ok(!firstPage.includes(id), `${id} repeated on page 2`);
    await page.goBack();
    assert.deepEqual(await hitIds(), firstPage);
  });

  let facetLabel = '';
  await step('click a facet: chip and filtered results', async () => {
    // A year, so that the filter can be checked against the dates shown.
    const section = page.locator('aside.facets section', { has: page.locator('h2', { hasText: 'Годы' }) });
    const items = section.locator('li');
    assert.ok(await items.count() >= 1, 'no year facet');
    const item = items.first();
    facetLabel = (await item.locator('a').innerText()).trim();
    const facetCount = Number(await item.locator('.n').innerText());
    await Promise.all([page.waitForURL(/from=\d{4}-01-01/), item.locator('a').click()]);
    await page.locator('.active .chip').first().waitFor();
    assert.match(await page.locator('.active').innerText(), new RegExp(`${facetLabel} год`));
    assert.equal(await countOf(), facetCount);
    const dates = await page.locator('.hit time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    assert.ok(dates.length >= 1);
    for (const d of dates) assert.ok(d.startsWith(facetLabel), `date ${d} outside ${facetLabel}`);
    assert.equal(await page.inputValue('input[name=from]'), `${facetLabel}-01-01`);
    await page.setViewportSize({ width: 1200, height: 800 });
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  });

  await step('an entity chip adds its filter; removing chips restores the search', async () => {
    const chips = page.locator('.hit .ents a.chip');
    if (await chips.count() === 0) {
      console.log('# no entity chips on this page (index without entities)');
    } else {
      const label = (await chips.first().innerText()).trim();
      await Promise.all([page.waitForURL(/(org|person|place)=/), chips.first().click()]);
      const active = await page.locator('.active').innerText();
      assert.ok(active.includes(label), `chip ${label} not among active filters: ${active}`);
      assert.ok((await countOf()) >= 1);
    }
    // Remove both chips, one after the other.
    while (await page.locator('.active a.chip').count() > 0) {
      const before = page.url();
      await Promise.all([page.waitForURL((u) => u.toString() !== before), page.locator('.active a.chip').first().click()]);
    }
    assert.equal(await countOf(), total);
  });

  await step('related articles of a hit', async () => {
    const id = (await page.locator('.hit .id').first().innerText()).trim();
    await Promise.all([page.waitForURL(/[?&]like=/), page.locator('.hit .more a', { hasText: 'Похожие статьи' }).first().click()]);
    assert.match(await page.locator('.active').innerText(), new RegExp(`похожие на «${id}»`));
    assert.ok(!(await hitIds()).includes(id), 'the article itself is not among its related ones');
    assert.equal(await page.inputValue('input[name=q]'), '');
  });

  await step('a long pasted passage is searched by its first words', async () => {
    // 450 words: 3,600 characters (the field holds 4,096), a 19 KiB address
    // through lighttpd (the deploy snippet raises its 8 KiB limit); the page
    // says how much was searched.
    const passage = Array(450).fill('экспорт').join(' ');
    await page.fill('input[name=q]', passage);
    await Promise.all([page.waitForURL((u) => u.toString().length > 19000), page.press('input[name=q]', 'Enter')]);
    const notice = await page.locator('p.suggest', { hasText: 'Запрос длинный' }).innerText();
    assert.match(notice, /поиск шёл по его началу: 256 слов из 450\./);
    assert.ok((await countOf()) >= 1);
    assert.equal(await page.inputValue('input[name=q]'), passage);
  });

  await step('hostile query is shown as text, runs nothing', async () => {
    const evil = '<script>alert(1)</script>"\'&<img src=x onerror=alert(2)>';
    const resp = await page.goto(`${base}?q=${encodeURIComponent(evil)}`);
    assert.ok([200, 400].includes(resp.status()), `status ${resp.status()}`);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img').count(), 0);
    if (resp.status() === 200) assert.equal(await page.inputValue('input[name=q]'), evil);
    assert.deepEqual(dialogs, []);
  });

  await step('malformed request gets a Russian 400 page', async () => {
    const resp = await page.goto(`${base}?q=экспорт&page=-1&from=2026-02-30`);
    assert.equal(resp.status(), 400);
    const text = await page.locator('.err').innerText();
    assert.match(text, /Неверный номер страницы/);
    assert.match(text, /Неверная дата/);
  });

  await step('format=json returns the search JSON', async () => {
    const resp = await page.request.get(`${base}?q=${encodeURIComponent('экспорт')}&format=json`);
    assert.equal(resp.status(), 200);
    assert.equal(resp.headers()['content-type'], 'application/json; charset=utf-8');
    const doc = await resp.json();
    assert.equal(doc.total, total);
    assert.equal(doc.query, 'экспорт');
    assert.ok(Array.isArray(doc.results) && doc.results.length >= 1);
    assert.ok('facets' in doc && 'suggestion' in doc);
  });

  await step('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}?q=${encodeURIComponent('экспорт')}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 391, `page is ${width}px wide on a 390px screen`);
  });

  await step('no external requests, no CSP violations', async () => {
    assert.deepEqual(foreign, []);
    // The 400 page's own status shows up as a console error; nothing else may.
    const other = consoleErrors.filter((t) => !/status of 400/.test(t));
    assert.deepEqual(other, []);
  });
  console.log(`${passed} passed, 0 failed`);
} catch (err) {
  console.error(`not ok ${passed + 1}: ${err.stack || err}`);
  try {
    console.error(`page: ${page.url()}\n${(await page.content()).slice(0, 3000)}`);
  } catch {}
  console.log(`${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  await context.close();
}
