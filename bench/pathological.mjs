// Inputs built to be hard, read by the WebAssembly build in Node through parseTranscript: the
// cases of benches/pathological.rs, and deep nesting (tags, JSON) that a reader written to
// recurse would overflow on — WebAssembly's stack is 1 MB where the host's tests run on 8, and its
// sizes are 32 bits. Prints, per case at SIZE MB (default 5), the time, the segments and the
// diagnostics, or what was thrown. Numbers, not pass/fail.
//   INTERLINEAR_JS=target/js-node/interlinear.js node bench/pathological.mjs [SIZE]
// (scripts/bench builds target/js-node.)
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const api = await import(pathToFileURL(resolve(process.env.INTERLINEAR_JS || 'target/js-node/interlinear.js')).href);
const mb = Number(process.argv[2] || 5);
const n = Math.round(mb * 1024 * 1024);
const two = (x) => String(x).padStart(2, '0');
const stamp = (i) => `[${two(Math.floor(i / 3600) % 100)}:${two(Math.floor(i / 60) % 60)}:${two(i % 60)}]`;
const cue = '00:00:01.000 --> 00:00:02.000';
const nested = (open, close, count, inside = 'x') => open.repeat(count) + inside + close.repeat(count);

const cases = {
  'one line, no breaks': () => 'word '.repeat(n / 5),
  'tiny turns': () => Array.from({ length: n / 20 }, (_, i) => `${stamp(i)} A\nx\n`).join(''),
  'nested emphasis': () => `[00:00:01] A\nEnglish: ${nested('*_', '_*', n / 4)}\n`,
  'unclosed brackets': () => `[00:00:01] A\n${'['.repeat(n)}\n`,
  'cue arrows': () => '00:00:01.000 --> '.repeat(n / 17),
  'one Chinese sentence': () => `[00:00:01] A\n中文翻译: ${'字'.repeat(n / 3)}\n`,
  'text not as in source': () =>
    Array.from({ length: n / 60 }, (_, i) => `${stamp(i)} A\nEnglish: ${'a'.repeat(32)}*a*\n`).join(''),
  'WebVTT tags': () => `WEBVTT\n\n${cue}\n${'<v A><b><i>'.repeat(n / 11)}\n`,
  'WebVTT tags, nested': () => `WEBVTT\n\n${cue}\n${nested('<b>', '</b>', n / 7)}\n`,
  'JSON arrays, nested': () => `{"version":"1.0","segments":[${nested('[', ']', n / 2, '')}]}`,
  'JSON objects, nested': () =>
    `{"version":"1.0","segments":[{"speaker":"A","startTime":1,"endTime":2,"body":${nested('{"a":', '}', n / 6, '1')}}]}`,
};

console.log(`${'case'.padEnd(24)} ${'ms'.padStart(7)} ${'ms/MB'.padStart(7)} ${'segments'.padStart(9)} ${'diagnostics'.padStart(12)}`);
for (const [name, make] of Object.entries(cases)) {
  const text = make();
  const size = text.length / 1024 / 1024; // UTF-16 units; the Chinese case is 3× as many bytes
  const start = performance.now();
  try {
    const doc = await api.parseTranscript(text);
    const ms = performance.now() - start;
    console.log(`${name.padEnd(24)} ${ms.toFixed(0).padStart(7)} ${(ms / size).toFixed(1).padStart(7)} ${String(doc.segments.length).padStart(9)} ${String(doc.diagnostics.length).padStart(12)}`);
  } catch (e) {
    console.log(`${name.padEnd(24)} threw ${String(e).slice(0, 200)}`);
  }
}
