// Makes the page one self-contained file (web/CMakeLists.txt runs it):
//   node inline.js TEMPLATE MODULE.js VERSION OUT.html
// TEMPLATE's @SENDKIT_MODULE@ becomes the module's script, @SENDKIT_WASM@ the
// WebAssembly (base64, beside MODULE.js), @SENDKIT_VERSION@ the version, and
// @SENDKIT_CSP@ a content security policy that runs exactly the page's own
// inline scripts (by their SHA-256) and loads nothing from anywhere.
'use strict';
const fs = require('fs');
const crypto = require('crypto');

const [template, modulePath, version, out] = process.argv.slice(2);
const wasmPath = modulePath.replace(/\.js$/, '.wasm');
let js = fs.readFileSync(modulePath, 'utf8');
if (/<\/script/i.test(js))
  js = js.replace(/<\/script/gi, '<\\/script');
const wasm = fs.readFileSync(wasmPath).toString('base64');

let html = fs.readFileSync(template, 'utf8')
  .replace('@SENDKIT_MODULE@', () => js)
  .replace('@SENDKIT_WASM@', () => wasm)
  .replace(/@SENDKIT_VERSION@/g, () => version);

const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const bodies = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
  .map((m) => hash(m[1]));
// wasm-unsafe-eval: compiling the module from bytes. Inline style: the
// page's own and the Nutshell's, shown in a sandboxed frame (no scripts).
const csp = [
  "default-src 'none'",
  `script-src ${bodies('script').join(' ')} 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  "frame-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');
html = html.replace('@SENDKIT_CSP@', () => csp);
if (/@SENDKIT_[A-Z]+@/.test(html)) {
  console.error('inline.js: a placeholder is left in the page');
  process.exit(1);
}
fs.writeFileSync(out, html);
