// Puts interlinear's WebAssembly reader into shared/bench/peers/bench.mjs, beside the JS parsers.
// INTERLINEAR_API=count measures reading alone (countTurns); the default, parseTranscript,
// also builds the full JavaScript object (segments with text per language) as the peers do.
// INTERLINEAR_JS points at the wasm-bindgen output (--target experimental-nodejs-module).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const api = await import(pathToFileURL(resolve(process.env.INTERLINEAR_JS || 'target/js-node/interlinear.js')).href);
const mode = process.env.INTERLINEAR_API || 'parse';

export const name = mode === 'count' ? 'interlinear wasm (read)' : 'interlinear wasm (parse→JS)';
export function parse(text) {
  return mode === 'count' ? api.countTurns(text) : api.parseTranscript(text).segments.length;
}
