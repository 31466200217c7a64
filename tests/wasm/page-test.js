// The page's self-test: sendkit.html from disk in headless Chromium, driven
// over the DevTools protocol (node's own WebSocket, no package). Each case
// picks the example files into the page's file inputs, fills the form, runs
// it, and compares what the page's run gave (output, messages, exit status,
// files written) byte for byte with the native command on the same files.
// Then the same through hostile files (hostile-inputs.js): nothing in them
// runs, every run ends in a message, the results are still the native
// command's, no pupil's own field reaches the page, a file is never taken for
// an option or standard input, and the browser's own failures are put in words.
// Also: the page makes no network request and keeps nothing in storage.
// A screenshot of each screen goes to OUT_DIR (also at a 1366x768 laptop's
// screen and at 200% zoom). Ends "N passed, N failed".
//
//   node --experimental-websocket page-test.js PAGE NATIVE_BIN_DIR SOURCE_DIR OUT_DIR
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const [page, nativeBin, srcDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
const chromium = process.env.CHROMIUM || 'chromium';
const ex = (p) => path.join(srcDir, 'examples', p);

// Each case: the tab, the files for each input, the form fields to set.
const cases = [
  { name: 'check-my-files', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-files': [ex('strategy/holy-trinity-2023-24.yaml'),
      ex('strategy/oakfield-2024-25.yaml'), ex('strategy/st-marys-2023-24.yaml'),
      ex('review/lighthouse-2020.yaml')] },
    fields: { 'lint-as-of': '2024-03-01' } },
  { name: 'check-my-files-strict', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-files': [ex('strategy/oakfield-2024-25.yaml')] },
    fields: { 'lint-as-of': '2025-06-01', 'lint-strict': true } },
  { name: 'score-a-review', tab: 'tab-score', form: 'score',
    inputs: { 'score-files': [ex('review/lighthouse-2020.yaml')] },
    fields: { 'score-as-of': '2020-09-01', 'score-explain': true } },
  { name: 'make-our-nutshell', tab: 'tab-nutshell', form: 'nutshell',
    inputs: { 'nutshell-files': [ex('strategy/holy-trinity-2023-24.yaml'),
      ex('strategy/st-marys-2023-24.yaml')] },
    fields: { 'nutshell-as-of': '2024-03-01' } },
  { name: 'summarise-the-census', tab: 'tab-census', form: 'census',
    inputs: { 'census-files': [ex('census/autumn-2023.csv'), ex('census/spring-2024.csv')],
      'census-hubs': [ex('census/hubs.csv')] },
    fields: { 'census-by': 'school,hub,all' },
    // By default every count is shown, as by the command: never offered to publish.
    says: /^Summarised\. Every count is shown, small ones too: for the trust only, not to publish\.$/ },
  { name: 'summarise-the-census-suppressed', tab: 'tab-census', form: 'census',
    inputs: { 'census-files': [ex('census/autumn-2023.csv')] },
    fields: { 'census-by': 'school,all', 'census-suppress': '5' },
    says: /^Summarised\. Counts below 5 are hidden \("c"\)\.$/ },
];

// The hostile cases, over the files hostile-inputs.js writes into H.
const hostileCases = (h) => [
  { name: 'hostile-check-my-files', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-files': ['names/<img src=x onerror=alert(1)>.yaml', 'names/"quoted" & \'apos\'.yaml',
      'names/new\nline.yaml', 'names/-o.yaml', 'names/-', 'names/Oakfield; touch PWNED; #.yaml',
      'names/it\'s $(touch PWNED) `id`.yaml', 'y/binary.yaml', 'y/utf16.yaml',
      'y/empty.yaml', 'y/billion-laughs.yaml', 'y/long-line.yaml'].map(h) },
    fields: { 'lint-as-of': '2024-03-01' } },
  { name: 'hostile-file-named-dash', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-files': [h('names/-')] }, fields: {} },
  { name: 'hostile-score-a-review', tab: 'tab-score', form: 'score',
    inputs: { 'score-files': ['names/"quoted" & \'apos\'.yaml', 'names/-o.yaml', 'y/billion-laughs.yaml'].map(h) },
    fields: { 'score-as-of': '2020-09-01' } },
  { name: 'hostile-make-our-nutshell', tab: 'tab-nutshell', form: 'nutshell',
    inputs: { 'nutshell-files': [h('names/<img src=x onerror=alert(1)>.yaml')],
      'nutshell-census': [h('c/summary.csv')] },
    fields: { 'nutshell-as-of': '2024-03-01' } },
  { name: 'hostile-summarise-the-census', tab: 'tab-census', form: 'census',
    inputs: { 'census-files': [h('c/hostile.csv'), h('c/long-line.csv')], 'census-hubs': [h('c/hubs.csv')] },
    fields: { 'census-by': 'school,hub,all' } },
  ...['c/binary.csv', 'c/utf16.csv', 'c/empty.csv'].map((f) => (
    { name: 'hostile-census-' + path.basename(f, '.csv'), tab: 'tab-census', form: 'census',
      inputs: { 'census-files': [h(f)] }, fields: {} })),
  { name: 'hostile-census-200mb', tab: 'tab-census', form: 'census',
    inputs: { 'census-files': [h('c/census-200mb.csv')] }, fields: { 'census-by': 'la,all' } },
  // 500 files picked at once (Ctrl+A in the folder). Not through the folder
  // input: Chromium's DevTools protocol never finished giving it 2,000 that way.
  { name: 'hostile-500-files', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-files': h('folder-500/') }, fields: { 'lint-as-of': '2024-03-01' } },
  // A folder named "census" is the SENCo's, not the page's census summary.
  { name: 'hostile-folder-named-census', tab: 'tab-nutshell', form: 'nutshell',
    inputs: { 'nutshell-folder': h('census') }, fields: { 'nutshell-as-of': '2024-03-01' } },
  // Files and folders named like the page's own working folders.
  // Files picked, then a folder (named "out", with a Mac's "._" file, a hidden
  // folder and names in an order a browser may not keep): the folder only.
  { name: 'hostile-folder-named-out', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-files': [ex('strategy/oakfield-2024-25.yaml')], 'lint-folder': h('out') },
    fields: { 'lint-as-of': '2024-03-01' } },
  // A folder picked, then files: the files only.
  { name: 'hostile-files-after-folder', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-folder': h('out'), 'lint-files': [ex('strategy/oakfield-2024-25.yaml')] },
    fields: { 'lint-as-of': '2024-03-01' } },
  { name: 'hostile-files-named-out-census-hubs', tab: 'tab-nutshell', form: 'nutshell',
    inputs: { 'nutshell-files': ['names/out', 'names/census', 'names/hubs'].map(h) },
    fields: { 'nutshell-as-of': '2024-03-01' } },
  { name: 'hostile-census-named-out', tab: 'tab-census', form: 'census',
    inputs: { 'census-files': [h('names/census')], 'census-hubs': [h('names/hubs')] }, fields: {} },
  { name: 'hostile-folder-without-yaml', tab: 'tab-lint', form: 'lint',
    inputs: { 'lint-folder': h('no-yaml') }, fields: {},
    says: /has no \.yaml files/ },
  // The browser cannot hold a file (as when it runs out of memory): words, not its error.
  { name: 'hostile-out-of-memory', tab: 'tab-score', form: 'score',
    inputs: { 'score-files': [ex('review/lighthouse-2020.yaml')] }, fields: {},
    before: `File.prototype.arrayBuffer = () => Promise.reject(new RangeError('Array buffer allocation failed'))`,
    says: /^This computer did not have enough memory for these files\./ },
];

// ---- a minimal DevTools protocol client ----
function startChromium(profile) {
  return new Promise((resolve, reject) => {
    const child = spawn(chromium, ['--headless=new', '--no-sandbox', '--disable-gpu',
      '--no-first-run', '--no-default-browser-check', '--remote-debugging-port=0',
      `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${err}`)));
  });
}

function connect(url) {
  const ws = new WebSocket(url);
  let next = 1;
  const waiting = new Map(), listeners = [];
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.id && waiting.has(msg.id)) {
      const { resolve, reject } = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      listeners.forEach((f) => f(msg));
    }
  };
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params, sessionId }));
  });
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve({ send, on: (f) => listeners.push(f), close: () => ws.close() });
    ws.onerror = () => reject(new Error('cannot connect to ' + url));
  });
}

// SK_PAGE_ONLY=REGEX runs only the cases whose names match (while working on one).
const only = (c) => !process.env.SK_PAGE_ONLY || new RegExp(process.env.SK_PAGE_ONLY).test(c.name);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- how much a screenshot varies: a blank frame does not ----
// Decodes an 8-bit RGB or RGBA PNG (what Chromium captures) with node's
// zlib, and returns the standard deviation of its pixels' grey level.
function pngSpread(buf) {
  const zlib = require('zlib');
  let pos = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || (data[9] !== 2 && data[9] !== 6)) throw new Error('not 8-bit RGB(A)');
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels, px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[y * stride + x - channels] : 0;
      const b = y ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y ? px[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      px[y * stride + x] = (row[x] + pred) & 255;
    }
  }
  let sum = 0, sq = 0;
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const o = i * channels, g = 0.299 * px[o] + 0.587 * px[o + 1] + 0.114 * px[o + 2];
    sum += g;
    sq += g * g;
  }
  return Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2));
}

// ---- accessibility, checked in the page (WCAG 2.2 AA) ----
// In the page: every visible control and its accessible name or why not; and
// every piece of visible text whose contrast with what is behind it, worked
// out from the computed CSS colours, is under 4.5:1.
const auditExpr = `(() => {
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const rgba = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  // The colour behind an element: its own background, else its parents', over white.
  const behind = (e) => { const layers = [];
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const unlabelled = [], lowContrast = [];
  const controls = document.querySelectorAll('input, select, textarea, button, iframe, [tabindex], a[href], [role=tab], [role=tablist]');
  for (const e of controls) {
    if (!visible(e)) continue;
    const name = (e.labels && [...e.labels].map((l) => l.textContent).join(' ').trim())
      || e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(' ')
        .map((id) => document.getElementById(id)?.textContent || '').join(' ').trim()
      || e.title || (/^(BUTTON|A|H[1-6])$/.test(e.tagName) || e.getAttribute('role') === 'tab' ? e.textContent.trim() : '');
    if (!name) unlabelled.push(e.id || e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || seen.has(e) || !visible(e) || e.closest('script, style')) continue;
    seen.add(e);
    const fg = rgba(getComputedStyle(e).color), bg = behind(e);
    const r = ratio(over(fg, bg), bg);
    if (r < 4.5) lowContrast.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
      + ' "' + t.textContent.trim().slice(0, 30) + '" ' + r.toFixed(2) + ':1');
  }
  return { unlabelled, lowContrast };
})()`;

// How the test names an element in the page: its id, title or label.
const nameOf = `((e) => e.id || e.title || e.getAttribute('aria-label') || e.tagName.toLowerCase())`;

// In the page: the element that has the focus, whether it is one a person
// can see (an outline or a ring that is not none), and its name.
const focusExpr = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return { id: ${nameOf}(e), ring };
})()`;

// ---- the native run of the command line the page ran ----
// The run as the page makes it: in "in", with the picked files, an option's
// file in ../census or ../hubs, the output in ../out.
function native(argv, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-page-'));
  try {
    for (const [rel, src] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, 'in', rel)), { recursive: true });
      fs.copyFileSync(src, path.join(dir, 'in', rel));
    }
    fs.mkdirSync(path.join(dir, 'in'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'out'));
    const r = spawnSync(path.join(nativeBin, argv[0]), argv.slice(1), { cwd: path.join(dir, 'in'),
      argv0: argv[0], maxBuffer: 1 << 30,
      env: { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC', NO_COLOR: '1' } });
    const out = {};
    for (const f of fs.readdirSync(path.join(dir, 'out')))
      out[f] = fs.readFileSync(path.join(dir, 'out', f));
    // What the run wrote elsewhere: the page would never see it.
    const mine = new Set(files.map(([rel]) => path.join('in', rel)));
    const strays = fs.readdirSync(dir, { recursive: true })
      .filter((f) => f !== 'out' && !f.startsWith('out' + path.sep) && !mine.has(f) && fs.statSync(path.join(dir, f)).isFile());
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, files: out, strays };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function same(name, a, b, problems) {
  if (Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0)
    problems.push(`${name} differs (page ${a.length} bytes, native ${b.length} bytes)`);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-chromium-'));
  const { child, url } = await startChromium(profile);
  let passed = 0, failed = 0;
  const fail = (what) => { failed++; console.log(`FAIL ${what}`); };
  try {
    const cdp = await connect(url);
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    const send = (m, p) => cdp.send(m, p, sessionId);
    const requests = [], problems = [], dialogs = [];
    cdp.on((msg) => {
      if (msg.sessionId !== sessionId) return;
      if (msg.method === 'Page.javascriptDialogOpening') {
        dialogs.push(msg.params.message);
        send('Page.handleJavaScriptDialog', { accept: false }).catch(() => {});
      }
      if (msg.method === 'Network.requestWillBeSent') requests.push(msg.params.request.url);
      if (msg.method === 'Runtime.exceptionThrown')
        problems.push('exception: ' + JSON.stringify(msg.params.exceptionDetails.exception || {}));
      if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error')
        problems.push('console: ' + msg.params.entry.text);
    });
    await send('Network.enable');
    await send('Runtime.enable');
    await send('Log.enable');
    await send('Page.enable');
    const tall = { width: 1200, height: 3200, deviceScaleFactor: 1, mobile: false };
    await send('Emulation.setDeviceMetricsOverride', tall);
    const pageUrl = 'file://' + page;
    await send('Page.navigate', { url: pageUrl });
    const evaluate = async (expr) => {
      const r = await send('Runtime.evaluate', { expression: expr, awaitPromise: true,
        returnByValue: true });
      if (r.exceptionDetails) throw new Error(`${expr}: ${JSON.stringify(r.exceptionDetails)}`);
      return r.result.value;
    };
    for (let i = 0; !(await evaluate("location.protocol === 'file:' && document.documentElement?.dataset.ready === 'true'")); i++) {
      if (i > 100) throw new Error('the page did not start');
      await sleep(100);
    }
    const shot = async (name, full = true) => {
      const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: full });
      fs.writeFileSync(path.join(outDir, name + '.png'), Buffer.from(data, 'base64'));
    };
    await shot('start');

    const key = async (k, code, vk) => {
      await send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: k, code, windowsVirtualKeyCode: vk });
      await send('Input.dispatchKeyEvent', { type: 'keyUp', key: k, code, windowsVirtualKeyCode: vk });
    };
    // The screen as it is: every control labelled, text at 4.5:1 at least,
    // and with the Tab key alone every control of the tab shown is reached,
    // each with a focus ring a person can see.
    const accessible = async (name, out) => {
      const a = await evaluate(auditExpr);
      if (a.unlabelled.length) out.push(`${name}: no label: ${a.unlabelled.join(', ')}`);
      if (a.lowContrast.length) out.push(`${name}: contrast under 4.5:1: ${a.lowContrast.join('; ')}`);
      const want = await evaluate(`[...document.querySelectorAll('section[role=tabpanel]:not([hidden]) :is(input, select, button, iframe, pre, a[href]), [role=tab][aria-selected=true]')]
        .filter((e) => e.getClientRects().length && e.tabIndex >= 0 && !e.disabled)
        .map(${nameOf})`);
      // Start from the top, as a person who clicks the page's heading would.
      await evaluate('document.activeElement && document.activeElement.blur(); scrollTo(0, 0)');
      for (const type of ['mousePressed', 'mouseReleased'])
        await send('Input.dispatchMouseEvent', { type, x: 5, y: 5, button: 'left', clickCount: 1 });
      const reached = new Set(), noRing = new Set();
      let first = null;
      for (let i = 0; i < 120; i++) {   // until the focus comes round to the first again
        await key('Tab', 'Tab', 9);
        const f = await evaluate(focusExpr);
        if (!f) continue;
        if (f.id === first && reached.size > 1) break;
        first = first || f.id;
        reached.add(f.id);
        if (!f.ring) noRing.add(f.id);
      }
      const missed = want.filter((id) => !reached.has(id));
      if (missed.length) out.push(`${name}: not reached with the Tab key: ${missed.join(', ')}`);
      if (noRing.size) out.push(`${name}: no visible focus on ${[...noRing].join(', ')}`);
    };
    {
      // The tabs: the arrow keys move between them, and each takes the focus.
      const tabProblems = [];
      await evaluate(`document.getElementById('tab-lint').click()`);
      await key('ArrowRight', 'ArrowRight', 39);
      const on = await evaluate(`document.activeElement.id + ' ' + document.getElementById('tab-score').getAttribute('aria-selected')`);
      if (on !== 'tab-score true') tabProblems.push(`ArrowRight from the first tab gave ${on}`);
      await evaluate(`document.getElementById('tab-lint').click()`);
      await accessible('start', tabProblems);
      if (tabProblems.length) fail(`accessibility: ${tabProblems.join('; ')}`);
      else { passed++; console.log('ok   accessibility of the start screen (labels, contrast, keyboard, focus)'); }
    }

    // Each file picked for an input, as [the path the page gives it, the file]:
    // a folder's files under the folder's name, an option's file in its folder.
    const pickedOf = (id, files) => {
      if (typeof files === 'string' && files.endsWith('/'))   // every file in a folder, picked as files
        files = fs.readdirSync(files).sort().map((f) => path.join(files, f));
      if (typeof files === 'string') {   // a folder: what the native commands pick in it
        const walk = (d) => fs.readdirSync(d, { withFileTypes: true })
          .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || /\.ya?ml$/.test(e.name)))
          .sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
          .flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
        return walk(files).map((f) => [path.basename(files) + '/' + path.relative(files, f), f]);
      }
      const dir = { 'census-hubs': '../hubs/', 'nutshell-census': '../census/' }[id] || '';
      return files.map((f) => [dir + path.basename(f), f]);
    };
    const runCase = async (c, shots) => {
      const caseProblems = [];
      await evaluate(`document.querySelectorAll('form').forEach((f) => f.reset());
        document.getElementById(${JSON.stringify(c.tab)}).click()`);
      if (c.before) await evaluate(c.before);
      const { root } = await send('DOM.getDocument', { depth: 0 });
      const picks = new Map();   // id -> [picked, inputs]
      for (const [id, files] of Object.entries(c.inputs)) {
        const { nodeId } = await send('DOM.querySelector', { nodeId: root.nodeId, selector: '#' + id });
        const p = pickedOf(id, files);
        const folder = typeof files === 'string' && !files.endsWith('/');
        await send('DOM.setFileInputFiles', { nodeId, files: folder ? [files] : p.map(([, f]) => f) });
        // A folder's files come in while the browser walks it: wait for them all.
        for (let i = 0, n = -1, was = -2; i < 300 && !(n > 0 && n === was); i++) {
          was = n;
          n = await evaluate(`document.getElementById(${JSON.stringify(id)}).files.length`);
          if (typeof files === 'string') await sleep(100);
        }
        // Files or a folder: the one picked last replaces the other.
        picks.delete(id.replace(/-(files|folder)$/, (m, w) => w === 'files' ? '-folder' : '-files'));
        picks.set(id, [p, /hubs|census$/.test(id) ? [] : p.map(([rel]) => rel).filter((r) => /\.ya?ml$|\.csv$|(^|\/)-$/.test(r))]);
        // A new pick clears the result of the files picked before.
        const left = await evaluate(`document.getElementById('${c.form}-result').textContent`);
        if (left) caseProblems.push(`the result of the run before stays after a new pick (${id})`);
      }
      const picked = [...picks.values()].flatMap(([p]) => p);
      const inputs = [...picks.values()].flatMap(([, i]) => i);
      for (const [id, v] of Object.entries(c.fields)) {
        await evaluate(`(() => { const e = document.getElementById(${JSON.stringify(id)});
          if (e.type === 'checkbox') e.checked = ${JSON.stringify(v)}; else e.value = ${JSON.stringify(v)}; })()`);
      }
      await evaluate(`window.sendkit.last = null; document.querySelector('#panel-${c.form} form').requestSubmit()`);
      let r = null;
      for (let i = 0; i < 1200 && !r; i++) {
        await sleep(100);
        r = await evaluate(`(() => { const l = window.sendkit.last;
          if (window.sendkit.busy || !(l || document.querySelector('#${c.form}-result .status:not(.working)'))) return null;
          if (!l || l.error) return { said: true };
          const b = (u) => btoa(Array.from(u, (x) => String.fromCharCode(x)).join(''));
          const files = {}; for (const k of Object.keys(l.files)) files[k] = b(l.files[k]);
          const md = l.markdown && { argv: l.markdown.argv, files: {} };
          if (md) for (const k of Object.keys(l.markdown.files)) md.files[k] = b(l.markdown.files[k]);
          return { markdown: md, argv: l.argv, shown: l.shown, status: l.status, stdout: b(l.stdout), stderr: b(l.stderr), files }; })()`);
      }
      // When the run ends the focus is on its result, not lost; a screen reader
      // is told the status line only, the result itself is not a live region.
      const ended = await evaluate(`(() => { const box = document.getElementById('${c.form}-result');
        const said = document.getElementById('${c.form}-said');
        const table = box.querySelector('table');
        return { focus: box.contains(document.activeElement) && document.activeElement.tagName,
          live: !!box.closest('[aria-live], [role=status]') || !!box.querySelector('[aria-live], [role=status]'),
          said: said && said.getAttribute('role') === 'status' ? said.textContent : null,
          status: box.querySelector('.status')?.textContent,
          caption: table ? table.caption?.textContent || '' : null,
          sticky: table && table.rows.length > 1 ? getComputedStyle(table.rows[1].cells[0]).position : null }; })()`);
      if (r && !r.said && ended.focus !== 'H3') caseProblems.push(`the focus after the run is not on its result's heading (${ended.focus})`);
      if (ended.live) caseProblems.push('the whole result is a live region');
      if (r && !r.said && ended.said !== ended.status) caseProblems.push(`the live status says ${JSON.stringify(ended.said)}`);
      if (ended.caption === '' ) caseProblems.push('the census table has no caption');
      if (ended.sticky && ended.sticky !== 'sticky') caseProblems.push('the census table\'s first column scrolls away sideways');
      if (c.after) await evaluate(c.after);
      await sleep(500);   // the Nutshell's frames draw after the result is in
      for (const [suffix, metrics] of shots) {
        if (metrics) await send('Emulation.setDeviceMetricsOverride', metrics);
        await evaluate(`document.getElementById('${c.form}-result').scrollIntoView()`);
        await shot(c.name + suffix, !metrics);
      }
      await send('Emulation.setDeviceMetricsOverride', tall);
      await accessible(c.name, caseProblems);
      // What the page says, its frames included: a message, never a pupil's own field.
      const said = await evaluate(`(() => { const box = document.getElementById('${c.form}-result');
        return { status: box.querySelector('.status')?.textContent || '',
          text: [box.innerText, ...[...box.querySelectorAll('iframe')].map((f) => f.contentDocument?.body?.innerText || '')].join('\\n'),
          title: document.title }; })()`);
      if (!said.status) caseProblems.push('no message on the page');
      if (c.says && !c.says.test(said.status)) caseProblems.push(`the page says "${said.status}"`);
      if (said.title !== 'sendkit: SEND records, checked on this computer') caseProblems.push('a script ran: the title changed');
      for (const [rel, src] of picked) {
        if (!/\.csv$/.test(rel) || fs.statSync(src).size > 1 << 20) continue;
        const rows = fs.readFileSync(src, 'utf8').split('\n').map((l) => l.split(','));
        const cols = rows[0].map((h, k) => /^(UPN|Surname|Forename|DOB)$/.test(h) ? k : -1).filter((k) => k >= 0);
        const leaked = new Set(rows.slice(1).flatMap((f) => cols.map((k) => f[k]))
          .filter((v) => v && v.length > 3 && said.text.includes(v)));
        if (leaked.size) caseProblems.push(`${leaked.size} pupils' own values shown on the page (e.g. ${[...leaked][0].length} characters)`);
      }
      // Frames: each is drawn (its area of the screen is not one colour).
      const frames = await evaluate(`[...document.querySelectorAll('#panel-${c.form} iframe')]
        .map((f) => { const r = f.getBoundingClientRect(); return { x: r.x, y: r.y + scrollY, width: r.width, height: r.height }; })`);
      for (const [k, clip] of frames.entries()) {
        const { data } = await send('Page.captureScreenshot', { format: 'png',
          captureBeyondViewport: true, clip: { ...clip, scale: 1 } });
        const spread = pngSpread(Buffer.from(data, 'base64'));
        if (!(spread > 10)) caseProblems.push(`the Nutshell frame ${k + 1} is blank (grey levels vary by ${spread.toFixed(1)})`);
        fs.writeFileSync(path.join(outDir, `${c.name}-frame-${k + 1}.png`), Buffer.from(data, 'base64'));
      }
      if (c.form === 'nutshell' && r && r.argv && !frames.length) caseProblems.push('no Nutshell frame shown');
      if (!r) { fail(`${c.name}: no result from the page`); return null; }
      if (r.said && !c.says) caseProblems.push(`the page did not run: it says "${said.status}"`);
      if (r.said) {   // the page said why it could not run
        if (caseProblems.length) fail(`${c.name}: ${caseProblems.join('; ')}`);
        else { passed++; console.log(`ok   ${c.name}: ${said.status}`); }
        return r;
      }
      // Every file picked is one of the run's inputs, by its own name; from a
      // folder, exactly the files the native command picks, in its order.
      for (const rel of inputs) {
        if (!r.argv.some((a) => a === rel || a === './' + rel)) caseProblems.push(`${JSON.stringify(rel)} is not an input of the run`);
      }
      if (Object.keys(c.inputs).some((id) => /-folder$/.test(id)) &&
          JSON.stringify(r.argv.slice(-inputs.length)) !== JSON.stringify(inputs))
        caseProblems.push(`the run's inputs are ${JSON.stringify(r.argv)}, not the folder's as the native command walks it`);
      // The command line shown for the central team is, in a POSIX shell, the
      // same words as the run's, and runs nothing else.
      const line = await evaluate(`document.querySelector('#${c.form}-result details.command code')?.textContent`);
      const shellDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-shell-'));
      const words = spawnSync('sh', ['-c', 'set -- ' + line + '\nprintf "%s\\0" "$@"'], { cwd: shellDir });
      if (fs.readdirSync(shellDir).length) caseProblems.push('the command line shown ran a command');
      fs.rmSync(shellDir, { recursive: true, force: true });
      if (words.stdout.toString() !== (r.shown || []).map((w) => w + '\0').join(''))
        caseProblems.push(`the command line shown is not the run's in a shell: ${JSON.stringify(line)}`);
      const n = native(r.argv, picked);
      if (n.strays.length) caseProblems.push(`the run wrote ${n.strays.map((f) => JSON.stringify(f)).join(', ')} beside its inputs`);
      const dec = (x) => Buffer.from(x, 'base64');
      if (r.status !== n.status) caseProblems.push(`exit status page ${r.status}, native ${n.status}`);
      same('standard output', dec(r.stdout), n.stdout, caseProblems);
      same('standard error', dec(r.stderr), n.stderr, caseProblems);
      if (/<stdin>/.test(dec(r.stdout) + dec(r.stderr))) caseProblems.push('a picked file was read as standard input');
      const names = [...new Set([...Object.keys(r.files), ...Object.keys(n.files)])].sort();
      for (const f of names) {
        if (!(f in r.files) || !(f in n.files)) caseProblems.push(`${f} written by one only`);
        else same(f, dec(r.files[f]), n.files[f], caseProblems);
      }
      if (!r.stdout && !r.stderr && !names.length) caseProblems.push('no output and no message at all');
      // The Nutshell as Markdown too, as the native command writes it.
      if (c.form === 'nutshell' && names.length) {
        const want = r.argv.map((a, k) => r.argv[k - 1] === '-f' ? 'markdown' : a);
        if (!r.markdown || JSON.stringify(r.markdown.argv) !== JSON.stringify(want)) caseProblems.push('no Markdown run');
        else {
          const m = native(r.markdown.argv, picked);
          const mdNames = [...new Set([...Object.keys(r.markdown.files), ...Object.keys(m.files)])].sort();
          if (!mdNames.length) caseProblems.push('no Markdown written');
          for (const f of mdNames) {
            if (!(f in r.markdown.files) || !(f in m.files)) caseProblems.push(`${f} written by one only`);
            else same(f, dec(r.markdown.files[f]), m.files[f], caseProblems);
          }
          const links = await evaluate(`[...document.querySelectorAll('#nutshell-result .downloads a')].map((a) => a.download)`);
          for (const f of mdNames) if (!links.includes(f)) caseProblems.push(`no download of ${f}`);
        }
      }
      const argvLine = r.argv.join(' ').replace(/\n/g, '\\n');
      if (caseProblems.length) fail(`${c.name} (${argvLine.slice(0, 300)}): ${caseProblems.join('; ')}`);
      else { passed++; console.log(`ok   ${c.name}: ${argvLine.slice(0, 300)}`); }
      return r;
    };

    // The example cases, shot at a laptop's 1366x768 and at 200% zoom too.
    const laptop = { width: 1366, height: 768, deviceScaleFactor: 1, mobile: false };
    const zoom = { width: 683, height: 384, deviceScaleFactor: 2, mobile: false };
    for (const tab of ['lint', 'score', 'nutshell', 'census']) {
      await evaluate(`document.querySelectorAll('form').forEach((f) => f.reset());
        document.querySelectorAll('.result').forEach((b) => { b.textContent = ''; });
        document.getElementById('tab-${tab}').click(); scrollTo(0, 0)`);
      for (const [suffix, metrics] of [['-laptop', laptop], ['-zoom200', zoom]]) {
        await send('Emulation.setDeviceMetricsOverride', metrics);
        await shot(`empty-${tab}${suffix}`, false);
      }
      await send('Emulation.setDeviceMetricsOverride', tall);
    }
    if (process.env.SK_PAGE_BENCH) {   // bench/README.md: one census, timed in the page
      const r = await runCase({ name: 'bench', tab: 'tab-census', form: 'census',
        inputs: { 'census-files': [path.resolve(process.env.SK_PAGE_BENCH)] }, fields: {} }, []);
      const ms = r && await evaluate('window.sendkit.last.ms');
      if (ms) console.log(`bench: reading the file ${(ms.read / 1000).toFixed(2)} s, the run ${(ms.run / 1000).toFixed(2)} s`);
      cases.length = 0;
    }
    for (const c of cases.filter(only)) await runCase(c, [['', null], ['-laptop', laptop], ['-zoom200', zoom]]);

    if (!process.env.SK_PAGE_BENCH) {
      const hdir = path.join(outDir, 'hostile-inputs');
      const h = (name) => path.join(hdir, name);
      require('./hostile-inputs').write(srcDir, hdir, nativeBin);
      for (const c of hostileCases(h).filter(only)) await runCase(c, [['', null], ['-laptop', laptop]]);
      if (dialogs.length) fail(`a script ran: ${dialogs.length} dialogs opened (${dialogs[0]})`);
      else { passed++; console.log('ok   no script from the files ran'); }
      fs.rmSync(hdir, { recursive: true, force: true });
    }

    // Nothing asked of the network but the page itself, nothing kept. (A
    // data: URL is not the network: Chromium draws the date field's icon so;
    // nor is a blob: URL, the page's own memory: the Nutshell's frames.)
    const others = requests.filter((u) => u !== pageUrl && !/^(data|blob):/.test(u));
    if (others.length) fail(`network: the page asked for ${others.join(', ')}`);
    else { passed++; console.log('ok   no network request'); }
    const kept = await evaluate(`(async () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
      idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
      caches: typeof caches === 'undefined' ? 0 : (await caches.keys()).length }))()`);
    const { cookies } = await send('Network.getAllCookies');
    if (kept.local || kept.session || kept.cookie || kept.idb || kept.caches || cookies.length)
      fail(`storage: the page kept something: ${JSON.stringify(kept)}, ${cookies.length} cookies`);
    else { passed++; console.log('ok   nothing stored'); }
    if (problems.length) fail(`page errors: ${problems.join('; ')}`);
    else { passed++; console.log('ok   no page errors (content security policy included)'); }
    await cdp.send('Browser.close').catch(() => {});
    cdp.close();
  } finally {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill();
    await gone;
    // Chromium's helper processes can go on writing to the profile for a
    // moment after the browser exits: retry, and never fail the test for it.
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    } catch (e) {
      console.error(`note: the browser profile ${profile} could not be removed (${e.code})`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
