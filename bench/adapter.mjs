// Puts interlinear's WebAssembly reader into shared/bench/peers/bench.mjs, beside the JS parsers.
//   INTERLINEAR_API=parse (default)  parseTranscript(text): read, then build the JavaScript objects
//                                    (segments with text per language), as the peers do;
//   INTERLINEAR_API=count            countTurns(text): read into the WebAssembly document only;
//   INTERLINEAR_API=bytes            countTurns(bytes): as a dropped file arrives (UTF-8 bytes,
//                                    encoded once per file in the untimed warm-up run).
// INTERLINEAR_JS points at the wasm-bindgen output (--target experimental-nodejs-module).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const api = await import(pathToFileURL(resolve(process.env.INTERLINEAR_JS || 'target/js-node/interlinear.js')).href);
const mode = process.env.INTERLINEAR_API || 'parse';
const encoded = new Map();

export const name = { parse: 'interlinear wasm (parse→JS)', count: 'interlinear wasm (read)', bytes: 'interlinear wasm (read bytes)' }[mode];
export function parse(text, file) {
  if (mode === 'count') return api.countTurns(text);
  if (mode === 'bytes') {
    if (!encoded.has(file)) encoded.set(file, new TextEncoder().encode(text));
    return api.countTurns(encoded.get(file));
  }
  return api.parseTranscript(text).segments.length;
}
