#!/usr/bin/env node
// Size budget of the PWA: how much JavaScript (and CSS) a phone must download, gzip-compressed,
// before each screen can open — in particular the visit form (budget: 100 kB gzip of JavaScript).
//
// Reads the production build of apps/web (run `pnpm --filter @clave/web build` first):
//   - .svelte-kit/output/client/.vite/manifest.json — Vite's manifest: every chunk, its static
//     imports, its dynamic imports and its CSS;
//   - .svelte-kit/generated/client-optimized/app.js — SvelteKit's route dictionary (route id →
//     page node and layout nodes) and nodes/N.js (which +page/+layout files each node is);
//   - build/ — the files as the API serves them, whose bytes are measured.
// A route needs SvelteKit's two entries (start, app), the root layout (node 0), its layouts and its
// page, with everything they import statically. Dynamic imports (the service worker registration,
// anything loaded on demand) are listed apart and are not part of the budget.
//
//   node bench/web-size.mjs            # table
//   node bench/web-size.mjs --json     # machine-readable
// Exits 1 when a visit-form route is over the budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_VISIT_FORM_JS = 100_000; // bytes of gzip (100 kB)
const web = fileURLToPath(new URL('../apps/web/', import.meta.url));
const kit = join(web, '.svelte-kit');
const manifestFile = join(kit, 'output/client/.vite/manifest.json');
const appFile = join(kit, 'generated/client-optimized/app.js');
const buildDir = join(web, 'build');

for (const file of [manifestFile, appFile, join(buildDir, 'index.html')]) {
  if (!existsSync(file)) {
    console.error(
      `${relative(process.cwd(), file)} is missing: run \`pnpm --filter @clave/web build\` first.`,
    );
    process.exit(2);
  }
}

/** @type {Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const appSource = readFileSync(appFile, 'utf8');

// --- which nodes each route needs -------------------------------------------------------------
const dictionaryText = appSource.match(/export const dictionary = (\{[\s\S]*?\});/)?.[1];
if (!dictionaryText) throw new Error(`No route dictionary in ${appFile}`);
// `~3` marks a node with a server load; `[2,,3]` leaves holes for layouts without a node.
let jsonText = dictionaryText.replace(/~/g, '');
while (/\[,|,,|,\]/.test(jsonText)) {
  jsonText = jsonText.replace(/\[,/g, '[null,').replace(/,,/g, ',null,').replace(/,\]/g, ',null]');
}
/** @type {Record<string, [number, (number | null)[]?, (number | null)[]?]>} */
const dictionary = JSON.parse(jsonText);

const nodeKey = (n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;
/** The +page/+layout files a node stands for, for the report. */
function nodeSources(n) {
  const source = readFileSync(join(kit, `generated/client-optimized/nodes/${n}.js`), 'utf8');
  return [...source.matchAll(/from "(?:\.\.\/)+src\/routes\/([^"]+)"/g)].map((m) => m[1]);
}

const entryKeys = Object.keys(manifest).filter(
  (key) =>
    manifest[key].isEntry &&
    (key.endsWith('/runtime/client/entry.js') || key.endsWith('client-optimized/app.js')),
);
if (entryKeys.length !== 2)
  throw new Error(`Expected SvelteKit's start and app entries, found ${entryKeys.join(', ')}`);

// --- sizes ------------------------------------------------------------------------------------
const sizeCache = new Map();
function sizeOf(file) {
  let size = sizeCache.get(file);
  if (!size) {
    const bytes = readFileSync(join(buildDir, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizeCache.set(file, size);
  }
  return size;
}

/** Files needed statically from these manifest keys, and the keys they may load on demand. */
function closure(keys) {
  const seen = new Set();
  const js = new Set();
  const css = new Set();
  const lazy = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
    for (const imported of chunk.dynamicImports ?? []) lazy.add(imported);
  };
  for (const key of keys) visit(key);
  // What is loaded on demand, minus what is already there (route nodes are listed by the app entry).
  const lazyJs = new Set();
  const walkLazy = (key, seenLazy) => {
    if (
      seen.has(key) ||
      seenLazy.has(key) ||
      key.includes('client-optimized/nodes/') ||
      key.endsWith('error-template.js')
    )
      return;
    seenLazy.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    lazyJs.add(chunk.file);
    for (const imported of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])])
      walkLazy(imported, seenLazy);
  };
  const seenLazy = new Set();
  for (const key of lazy) walkLazy(key, seenLazy);
  return { js: [...js], css: [...css], lazy: [...lazyJs] };
}

function total(files) {
  return files.reduce(
    (sum, file) => {
      const size = sizeOf(file);
      return { raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip };
    },
    { raw: 0, gzip: 0 },
  );
}

function measure(name, nodes, sources) {
  const { js, css, lazy } = closure([...entryKeys, ...nodes.map(nodeKey)]);
  return {
    route: name,
    sources,
    js: total(js),
    css: total(css),
    lazy: total(lazy),
    files: js.length,
    jsFiles: js,
  };
}

// --- the report -------------------------------------------------------------------------------
const rows = [measure('app shell (any page)', [0], nodeSources(0))];
for (const [route, [page, layouts = [], _errors]] of Object.entries(dictionary).sort(([a], [b]) =>
  a.localeCompare(b),
)) {
  const nodes = [0, ...layouts.filter((n) => n !== null && n !== 0), page];
  rows.push(measure(route, nodes, nodeSources(page)));
}
const allJs = readdirSync(join(buildDir, '_app/immutable'), { recursive: true })
  .filter((file) => String(file).endsWith('.js'))
  .map((file) => join('_app/immutable', String(file)));
const everything = total(allJs);

const visitRoutes = rows.filter((row) => /visit/i.test(row.route));
const overBudget = visitRoutes.filter((row) => row.js.gzip > BUDGET_VISIT_FORM_JS);

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        budget: { visitFormJsGzip: BUDGET_VISIT_FORM_JS },
        routes: rows.map(({ jsFiles: _jsFiles, ...row }) => row),
        allJs: { files: allJs.length, ...everything },
      },
      null,
      2,
    ),
  );
} else {
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  const table = [['route', 'JS gzip', 'JS raw', 'CSS gzip', 'chunks', 'lazy JS gzip']];
  for (const row of rows) {
    table.push([
      row.route,
      kb(row.js.gzip),
      kb(row.js.raw),
      kb(row.css.gzip),
      String(row.files),
      kb(row.lazy.gzip),
    ]);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((line) => line[i].length)));
  for (const [i, line] of table.entries()) {
    console.log(
      line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(
    `\nAll JavaScript in the build: ${allJs.length} files, ${kb(everything.gzip)} gzip (${kb(everything.raw)} raw).`,
  );
  console.log('gzip level 9; 1 kB = 1000 bytes. "lazy" = loaded on demand, not needed to open the screen.');
  if (visitRoutes.length === 0) {
    console.log('No visit-form route in this build: the budget of the visit form could not be checked.');
  }
  for (const row of visitRoutes) {
    const verdict = row.js.gzip <= BUDGET_VISIT_FORM_JS ? 'within' : 'OVER';
    console.log(
      `Visit form ${row.route}: ${kb(row.js.gzip)} of JavaScript, ${verdict} the ${kb(BUDGET_VISIT_FORM_JS)} budget.`,
    );
  }
}
if (overBudget.length) process.exitCode = 1;
