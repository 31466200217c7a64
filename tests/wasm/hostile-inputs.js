// Hostile files for the page's self-test (page-test.js), written fresh into a
// folder from the examples: HTML and script in every field that reaches the
// page, file names with <, ", ' and a line break or that look like options,
// binary, UTF-16, empty, a YAML "billion laughs", very long lines, a folder of
// 500 files, a folder named like the page's own option folders, and a
// 200 MB census (from the native gen-census). Deterministic: the same bytes
// every run.
//
//   const { write } = require('./hostile-inputs');
//   const files = write(SOURCE_DIR, DIR, NATIVE_BIN_DIR);   // name -> path
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

// What a script would do if it ran: the test looks for both.
const SCRIPT = '<script>document.title="pwned"</script><img src=x onerror="alert(1)">';

function pseudoRandom(n) {
  const out = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = (x >> 16) & 255;
  }
  return out;
}

// A strategy whose school name, headlines and actions are HTML and script.
function hostileStrategy(text) {
  return text
    .replace(/^( {2}name: ).*$/m, `$1${SCRIPT} & "Holy" 'Trinity'`)
    .replace(/^( {4}- )Leaders know.*$/m, `$1<b onmouseover="alert(2)">Leaders</b> ${SCRIPT}`)
    .replace(/^(\s+- action: ).*$/gm, `$1<iframe src="https://example.org/"></iframe>${SCRIPT}`);
}

// A census whose school names, need codes and pupils' own fields are hostile
// (HTML, quotes); the pupils' fields must never reach the page.
function hostileCensus(text) {
  const school = `"${SCRIPT.replace(/"/g, '""')} Holy ""Trinity"", 'CE'"`;
  return text.split('\n').map((line, n) => {
    if (!n || !line) return line;
    const f = line.split(',');
    if (f[5] === 'Holy Trinity CE Primary School') f[5] = school;
    if (n % 50 === 0) f[9] = '<b>SPLD</b>';
    if (n % 7 === 0) { f[1] = '<i>Surname' + n + '</i>'; f[2] = 'Fore"name' + n; }
    return f.join(',');
  }).join('\n');
}

function write(srcDir, dir, nativeBin) {
  const ex = (p) => fs.readFileSync(path.join(srcDir, 'examples', p));
  const strategy = ex('strategy/holy-trinity-2023-24.yaml');
  const review = ex('review/lighthouse-2020.yaml');
  const census = ex('census/spring-2024.csv');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = {};
  const put = (name, bytes) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, bytes);
    files[name] = p;
    return p;
  };

  // Names: markup, quotes, a line break, and names that look like options.
  put('names/<img src=x onerror=alert(1)>.yaml', hostileStrategy(strategy.toString()));
  put('names/"quoted" & \'apos\'.yaml', review);
  put('names/new\nline.yaml', strategy);
  put('names/-o.yaml', strategy);
  put('names/-', pseudoRandom(512));
  put('names/Oakfield; touch PWNED; #.yaml', strategy);
  put('names/it\'s $(touch PWNED) `id`.yaml', review);
  // Named like the page's own working folders.
  put('names/out', strategy);
  put('names/census', census);
  put('names/hubs', 'urn,hub\n');
  put('out/oakfield.yaml', strategy);
  put('out/._oakfield.yaml', Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63]));
  put('out/.hidden/secret.yaml', strategy);
  put('out/Z-last.YAML', strategy);
  put('out/a/st-marys.yaml', ex('strategy/st-marys-2023-24.yaml'));
  put('out/a-b.yaml', strategy);
  put('out/a.yaml', ex('strategy/oakfield-2024-25.yaml'));

  put('y/binary.yaml', pseudoRandom(4096));
  put('y/utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]),
    Buffer.from(strategy.toString(), 'utf16le')]));
  put('y/empty.yaml', '');
  let laughs = 'sendkit: strategy\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (const [k, v] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'],
    ['h', 'g'], ['i', 'h']])
    laughs += `${k}: &${k} [${Array(9).fill('*' + v).join(',')}]\n`;
  put('y/billion-laughs.yaml', laughs);
  put('y/long-line.yaml', 'sendkit: strategy\nheadlines:\n  strengths: [' + 'a, '.repeat(1750000) + 'a]\n');

  put('c/hostile.csv', hostileCensus(census.toString()));
  put('c/hubs.csv', `urn,hub\n142731,"${SCRIPT.replace(/"/g, '""')}"\n143058,Mendip\n`);
  put('c/binary.csv', pseudoRandom(4096));
  put('c/utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]),
    Buffer.from(census.toString(), 'utf16le')]));
  put('c/empty.csv', '');
  put('c/long-line.csv', census.toString().split('\n').slice(0, 6).join('\n') +
    '\nA000000001999,X,Y,01/01/2020,142731,' + 'z'.repeat(5 << 20) + ',Somerset,N2,K,SPLD,\n');
  // The census summary a central team would hand on, from the hostile census.
  const summary = spawnSync(path.join(nativeBin, 'census-summary'),
    ['--by', 'school,all', '-f', 'csv', files['c/hostile.csv']]);
  put('c/summary.csv', summary.stdout);

  // A folder of 500 strategy and review files, several years of a large
  // trust's (and two that are not YAML). 2,000 took a minute of CI, most of
  // it Chromium laying out and capturing the long result.
  const kinds = [strategy, review, ex('strategy/oakfield-2024-25.yaml')];
  for (let i = 0; i < 500; i++)
    put(`folder-500/${String(i).padStart(4, '0')}.yaml`, kinds[i % kinds.length]);
  put('folder-500/notes.txt', 'not a strategy\n');
  put('folder-500/photo.jpg', pseudoRandom(1024));
  // A folder named like the page's own folder for the census summary.
  put('census/holy-trinity.yaml', strategy);
  // A folder of Windows names: the commands read *.YAML and *.Yml, and name
  // Notepad's *.yaml.txt.
  put('win-names/Holy-Trinity.YAML', strategy);
  put('win-names/Lighthouse.Yml', review);
  put('win-names/notes.yaml.txt', strategy);
  // A folder with no YAML in it.
  put('no-yaml/census.csv', census);

  // A 200 MB census, from the native generator of made-up pupils.
  const big = path.join(dir, 'c/census-200mb.csv');
  const g = spawnSync(path.join(nativeBin, 'gen-census'), ['--rows', '2500000', '--schools', '5000',
    '-o', big]);
  if (g.status !== 0) throw new Error('gen-census failed: ' + g.stderr);
  files['c/census-200mb.csv'] = big;
  return files;
}

module.exports = { write, SCRIPT };
