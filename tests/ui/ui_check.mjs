// Runs course notebooks through the real JupyterLab UI in Debian's Chromium (puppeteer-core) and
// checks what a student sees. Started by tests/ui_check.sh, which serves JupyterLab from a Debian
// chroot; see that script for the setup.
//
//   node tests/ui/ui_check.mjs URL TOKEN SCREENSHOT_DIR NOTEBOOK... [--interrupt NB] [--untrusted NB]
//
// Per notebook: open it, Run → Run All Cells (the menu), wait until every cell ran, then
//  - no error output (and no Java exception on stderr);
//  - windowing: scroll straight to the last chart (its cell was never in view while the notebook ran,
//    nor was the cell whose output carries plotly.js) and the chart must draw with its title;
//  - every cell scrolled into view: every chart drawn by plotly.js with a title, every image loaded,
//    every table present;
//  - a screenshot of the last chart (or of the notebook's end when it has none).
// --interrupt NB: Run All, the training cell's progress bar must advance, then the toolbar's stop
//   button must stop it (the cell says 멈췄습니다) and the next cell must run.
// --untrusted NB: an nbclient-executed notebook opened as is (untrusted): each chart is drawn or
//   shows the Korean note saying what to do.
import puppeteer from 'puppeteer-core';
import path from 'node:path';

const [url, token, shots, ...rest] = process.argv.slice(2);
const notebooks = [];
let interruptNb = null;
let untrustedNb = null;
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--interrupt') interruptNb = rest[++i];
  else if (rest[i] === '--untrusted') untrustedNb = rest[++i];
  else notebooks.push(rest[i]);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = [];
function check(ok, what) {
  results.push({ ok, what });
  console.log(`ui_check: ${ok ? 'ok' : 'FAIL'}: ${what}`);
  return ok;
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--window-size=1400,1000', '--lang=ko-KR'],
  defaultViewport: { width: 1400, height: 1000 },
});

async function open(name) {
  const page = await browser.newPage();
  page.errors = [];   // uncaught errors and console errors, e.g. a kernel message JupyterLab rejected
  page.on('pageerror', (e) => { page.errors.push(e.message); console.log(`ui_check: page error in ${name}: ${e.message}`); });
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  // reset: a fresh workspace, or JupyterLab would reopen every notebook opened before (and its kernel)
  await page.goto(`${url}/lab/tree/${encodeURIComponent(name)}?token=${token}&reset`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    (n) => {
      const app = window.jupyterapp;
      const w = app && app.shell.currentWidget;
      return w && w.context && w.context.path.endsWith(n) && w.context.isReady && w.sessionContext.session &&
        w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle';
    },
    { timeout: 180000, polling: 500 },
    name,
  );
  return page;
}

async function menu(page, top, command) {
  const item = await page.waitForSelector(`xpath///div[contains(@class,"lm-MenuBar-itemLabel") and text()="${top}"]`);
  await item.click();
  const entry = await page.waitForSelector(`.lm-Menu-item[data-command="${command}"]`, { visible: true });
  await entry.click();
}

// State of the notebook's cells from JupyterLab's own model (cells out of view have no DOM).
async function cells(page) {
  return page.evaluate(() => {
    const nb = window.jupyterapp.shell.currentWidget;
    const out = [];
    for (const cell of nb.content.model.cells) {
      const c = { type: cell.type, tags: cell.getMetadata('tags') || [], outputs: [] };
      if (cell.type === 'code') {
        c.count = cell.executionCount;
        c.state = cell.executionState;
        c.outputs = cell.outputs.toJSON();
      }
      out.push(c);
    }
    return { cells: out, kernel: nb.sessionContext.session && nb.sessionContext.session.kernel.status };
  });
}

const html = (o) => (o.data && o.data['text/html'] ? [].concat(o.data['text/html']).join('') : '');
const text = (o) => [].concat(o.text || '').join('');
const charts = (c) => c.outputs.reduce((n, o) => n + (html(o).match(/class="dlcourse-plot"/g) || []).length, 0);

// Waits until every code cell has run and the kernel is idle; on the way keeps the running cell in
// view and records the progress bars it shows.
async function runAll(page, name, timeoutMs, onTick) {
  await menu(page, 'Run', 'runmenu:run-all');
  const start = Date.now();
  let quiet = 0;
  while (Date.now() - start < timeoutMs) {
    await sleep(400);
    const s = await cells(page);
    const running = s.cells.findIndex((c) => c.state === 'running');
    if (running >= 0) {
      await page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'center'), running);
    }
    if (onTick && (await onTick(s, running))) return s;
    const done = s.cells.every((c) => c.type !== 'code' || (c.count !== null && c.state !== 'running'));
    const stopped = s.cells.some((c) => c.outputs.some((o) => o.output_type === 'error'));
    quiet = s.kernel === 'idle' && (done || stopped) ? quiet + 1 : 0;
    if (quiet >= 3) return s;
  }
  const s = await cells(page);
  const running = s.cells.findIndex((c) => c.state === 'running');
  throw new Error(`${name}: cells still running after ${timeoutMs / 1000} s (cell ${running}, kernel ${s.kernel}; ` +
    `browser errors: ${page.errors.join(' | ').slice(0, 400) || 'none'})`);
}

async function cellNode(page, i) {
  await page.evaluate((k) => window.jupyterapp.shell.currentWidget.content.scrollToItem(k, 'start'), i);
  await sleep(150);
  return page.evaluateHandle((k) => window.jupyterapp.shell.currentWidget.content.widgets[k].node, i);
}

// Waits for a cell's charts to be drawn by plotly.js; returns their titles (null when not drawn).
async function drawnCharts(page, i, expected, waitMs) {
  const node = await cellNode(page, i);
  const deadline = Date.now() + waitMs;
  let titles = [];
  while (Date.now() < deadline) {
    titles = await node.evaluate((n) =>
      [...n.querySelectorAll('.dlcourse-plot')].map((p) => {
        const svg = p.querySelector('.main-svg');
        const t = p.querySelector('.gtitle');
        return svg ? (t ? t.textContent : '') : null;
      }));
    if (titles.length >= expected && titles.every((t) => t)) break;
    await sleep(250);
  }
  return titles;
}

async function checkNotebook(name) {
  const t0 = Date.now();
  const page = await open(name);
  let s;
  try {
    s = await runAll(page, name, 300000);
  } catch (e) {
    check(false, e.message);
    await page.close();
    await shutdownAll();
    return;
  }
  const errors = s.cells.flatMap((c, i) => c.outputs
    .filter((o) => o.output_type === 'error' || (o.name === 'stderr' && /Exception|Error:/.test(text(o))))
    .map((o) => `cell ${i}: ${(o.ename || '') + ' ' + (o.evalue || text(o)).slice(0, 200)}`));
  check(errors.length === 0, `${name}: no error output${errors.length ? ' — ' + errors.join(' | ') : ''}`);

  const chartCells = s.cells.map((c, i) => [i, charts(c)]).filter(([, n]) => n > 0);
  if (chartCells.length > 0) {
    // windowing: jump to the last chart first, past cells never rendered (the library's among them)
    const [last, n] = chartCells[chartCells.length - 1];
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.scrollToItem(0, 'start'));
    await sleep(300);
    const titles = await drawnCharts(page, last, n, 30000);
    check(titles.length >= n && titles.every((t) => t),
      `${name}: windowing — the last chart (cell ${last}), scrolled to first, draws: ${JSON.stringify(titles)}`);
    await page.screenshot({ path: path.join(shots, name.replace(/\.ipynb$/, '.png')) });
  }
  let missing = [];
  let drawn = 0, images = 0, tables = 0;
  for (let i = 0; i < s.cells.length; i++) {
    const c = s.cells[i];
    if (c.type !== 'code' || c.outputs.length === 0) continue;
    const wantCharts = charts(c);
    const wantImages = c.outputs.filter((o) => o.data && o.data['image/png']).length;
    const wantTables = c.outputs.filter((o) => /<table/.test(html(o))).length;
    if (wantCharts > 0) {
      const titles = await drawnCharts(page, i, wantCharts, 20000);
      if (titles.length < wantCharts || !titles.every((t) => t)) missing.push(`cell ${i}: charts ${JSON.stringify(titles)}`);
      drawn += titles.filter((t) => t).length;
    }
    if (wantImages > 0 || wantTables > 0) {
      const node = await cellNode(page, i);
      let seen = { img: 0, table: 0 };
      for (let k = 0; k < 40; k++) {
        seen = await node.evaluate((n) => ({
          img: [...n.querySelectorAll('.jp-OutputArea-output img')].filter((im) => im.complete && im.naturalWidth > 0).length,
          table: n.querySelectorAll('.jp-OutputArea-output table').length,
        }));
        if (seen.img >= wantImages && seen.table >= wantTables) break;
        await sleep(250);
      }
      if (seen.img < wantImages) missing.push(`cell ${i}: ${seen.img}/${wantImages} images`);
      if (seen.table < wantTables) missing.push(`cell ${i}: ${seen.table}/${wantTables} tables`);
      images += seen.img;
      tables += seen.table;
    }
  }
  if (chartCells.length === 0) {
    await page.screenshot({ path: path.join(shots, name.replace(/\.ipynb$/, '.png')) });   // the last cell in view
  }
  check(missing.length === 0,
    `${name}: ${drawn} charts drawn with titles, ${images} images, ${tables} tables${missing.length ? ' — missing: ' + missing.join(' | ') : ''}`);
  const rejected = page.errors.filter((e) => /validation error|Invalid message/i.test(e));
  check(rejected.length === 0, `${name}: JupyterLab accepted every kernel message${rejected.length ? ' — ' + rejected.join(' | ').slice(0, 300) : ''}`);
  await page.close();
  await shutdownAll();
  console.log(`ui_check: ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function checkInterrupt(name) {
  const page = await open(name);
  const seen = new Set();
  let s = await runAll(page, name, 240000, async (state, running) => {
    if (running < 0) return false;
    const node = await page.evaluateHandle((k) => window.jupyterapp.shell.currentWidget.content.widgets[k].node, running);
    const bar = await node.evaluate((n) => {
      const p = n.querySelector('.dlcourse-progress');
      return p ? p.textContent : null;
    });
    if (bar && /\(\d+ \/ \d+ batches\)/.test(bar)) seen.add(bar.match(/\((\d+) \/ \d+ batches\)/)[1]);
    return seen.size >= 3;   // the bar moved twice: stop now
  });
  check(seen.size >= 3, `${name}: the training cell's progress bar advances (batches seen: ${[...seen].join(', ')})`);
  const stopAt = Date.now();
  const stop = await page.evaluateHandle(() => window.jupyterapp.shell.currentWidget.toolbar.node
    .querySelector('[data-command="notebook:interrupt-kernel"]'));
  await stop.click();   // the notebook toolbar's ■ button
  for (let k = 0; k < 120; k++) {
    await sleep(250);
    s = await cells(page);
    if (s.kernel === 'idle' && !s.cells.some((c) => c.state === 'running')) break;
  }
  const training = s.cells.findIndex((c) => (c.tags || []).includes('training'));
  const said = s.cells[training].outputs.map((o) => text(o) + (o.evalue || '') + [].concat(o.traceback || []).join('')).join('\n');
  check(/멈췄습니다/.test(said), `${name}: ■ stopped the training in ${((Date.now() - stopAt) / 1000).toFixed(1)} s and the cell says so: ${said.split('\n').filter((l) => /멈췄/.test(l)).join(' ').slice(0, 200)}`);
  const next = training + 1;
  await page.evaluate((k) => { const nb = window.jupyterapp.shell.currentWidget.content; nb.activeCellIndex = k; nb.scrollToItem(k, 'center'); }, next);
  await menu(page, 'Run', 'runmenu:run');
  let after = '';
  for (let k = 0; k < 120 && !after; k++) {
    await sleep(250);
    s = await cells(page);
    after = s.cells[next].outputs.map(text).join('');
  }
  check(/다음 셀이 실행됩니다/.test(after), `${name}: the next cell runs after the stop: ${after.trim().slice(0, 100)}`);
  await page.screenshot({ path: path.join(shots, 'interrupt.png') });
  await page.close();
  await shutdownAll();
}

async function checkUntrusted(name) {
  const page = await open(name);
  const s = await cells(page);
  const chartCells = s.cells.map((c, i) => [i, charts(c)]).filter(([, n]) => n > 0);
  check(chartCells.length > 0, `${name}: the executed notebook has charts (${chartCells.length} cells)`);
  const blank = [];
  for (const [i] of chartCells) {
    const node = await cellNode(page, i);
    await sleep(1500);
    const shown = await node.evaluate((n) => [...n.querySelectorAll('.jp-OutputArea-output')].map((o) => ({
      drawn: !!o.querySelector('.main-svg'),
      note: /노트북을 신뢰/.test(o.innerText) && /다시 실행/.test(o.innerText),
      html: o.innerHTML.length,
    })));
    if (!shown.some((o) => o.drawn || o.note)) blank.push(`cell ${i}`);
  }
  check(blank.length === 0, `${name}: opened untrusted, every chart is drawn or says in Korean what to do${blank.length ? ' — blank: ' + blank.join(', ') : ''}`);
  const [first] = chartCells[0];
  await cellNode(page, first);
  await page.screenshot({ path: path.join(shots, 'untrusted.png') });
  await page.close();
  await shutdownAll();
}

// Kernels left by a failed scenario would keep the next one from starting idle.
async function shutdownAll() {
  const headers = { Authorization: `token ${token}` };
  const kernels = await (await fetch(`${url}/api/kernels`, { headers })).json();
  for (const k of kernels) await fetch(`${url}/api/kernels/${k.id}`, { method: 'DELETE', headers });
}

const started = Date.now();
try {
  for (const nb of notebooks) {
    try {
      await checkNotebook(nb);
    } catch (e) {
      check(false, `${nb}: ${e.message}`);
      await shutdownAll();
    }
  }
  if (interruptNb) await checkInterrupt(interruptNb).catch((e) => check(false, `${interruptNb}: ${e.message}`));
  if (untrustedNb) await checkUntrusted(untrustedNb).catch((e) => check(false, `${untrustedNb}: ${e.message}`));
  await shutdownAll();
} finally {
  await browser.close();
}
const failed = results.filter((r) => !r.ok).length;
console.log(`ui_check: ${results.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s in the browser)`);
process.exit(failed ? 1 : 0);
