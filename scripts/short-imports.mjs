// Gives the functions a WebAssembly module imports from its wasm-bindgen glue one- or two-letter
// names, in the module and in the glue, in place:
//   node scripts/short-imports.mjs MODULE_bg.wasm GLUE.js
// (scripts/build-wasm, in a release build, before terser minifies the glue.)
//
// wasm-bindgen names each import for the browser function it wraps plus a 16-digit hash
// (`__wbg_preventDefault_cfb06b02e7406899`), and every name stands twice in what a visitor
// downloads: in the module's import section and as a key of the glue's imports object. The hashes
// are random to gzip, so the names cost about 7 KB gzipped of the embed and more of the app. Only
// the names change: WebAssembly calls an import by its index, never by its name.
//
// The glue's key for each renamed import must stand in it exactly once, or nothing is written and
// the build fails. Imports from the glue's snippets and from wasm-split's loader are ES modules
// whose exports keep their names, so they are left as they are.
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node scripts/short-imports.mjs MODULE_bg.wasm GLUE.js');
  process.exit(2);
}
const fail = (message) => {
  console.error(`short-imports: ${message}`);
  process.exit(1);
};

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
// The glue imports its module under this name (`"./interlinear-web_bg.js": import0`).
const glueModule = './' + wasmPath.split('/').pop().replace(/\.wasm$/, '.js');

let at = 0;
const u32 = () => {
  let value = 0;
  for (let scale = 1; ; scale *= 128) {
    const byte = wasm[at++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
  }
};
const leb = (value) => {
  const bytes = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
};
const name = () => {
  const length = u32();
  const text = wasm.subarray(at, at + length).toString('utf8');
  at += length;
  return text;
};
const named = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return [leb(bytes.length), bytes];
};
const limits = () => {
  const flags = wasm[at++];
  u32();
  if (flags & 1) u32();
};
// a, b, …, Z, aa, ab, …: shortest first.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const shortName = (index) => {
  let text = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / LETTERS.length)) {
    text = LETTERS[(n - 1) % LETTERS.length] + text;
  }
  return text;
};

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not WebAssembly`);
const out = [wasm.subarray(0, 8)];
let renamed = 0;
at = 8;
while (at < wasm.length) {
  const id = wasm[at++];
  const size = u32();
  const end = at + size;
  if (id !== 2) {
    out.push(Buffer.from([id]), leb(size), wasm.subarray(at, end));
    at = end;
    continue;
  }
  const count = u32();
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    const module = name();
    let field = name();
    const described = at;
    const kind = wasm[at++];
    if (kind === 0) u32(); // function: its type
    else if (kind === 1) { at++; limits(); } // table: element type, limits
    else if (kind === 2) limits(); // memory
    else if (kind === 3) at += 2; // global: value type, mutability
    else if (kind === 4) { at++; u32(); } // tag
    else fail(`import ${module} ${field} is of an unknown kind (${kind})`);
    const description = wasm.subarray(described, at);
    if (kind === 0 && module === glueModule) {
      const short = shortName(renamed++);
      const key = new RegExp(`(?<=[\\s{,])${field.replace(/\$/g, '\\$')}(?=:)`, 'g');
      const found = glue.match(key)?.length ?? 0;
      if (found !== 1) fail(`the glue has ${found} keys ${field}, not one`);
      glue = glue.replace(key, short);
      field = short;
    }
    entries.push(...named(module), ...named(field), description);
  }
  if (at !== end) fail('the import section did not read to its end');
  const body = Buffer.concat(entries);
  out.push(Buffer.from([id]), leb(body.length), body);
}
if (renamed === 0) fail(`no import from ${glueModule} in ${wasmPath}`);
const result = Buffer.concat(out);
// Compiling it checks the section was written whole (imports are checked when instantiated).
try {
  new WebAssembly.Module(result);
} catch (error) {
  fail(`the renamed module does not compile: ${error.message}`);
}
writeFileSync(wasmPath, result);
writeFileSync(gluePath, glue);
