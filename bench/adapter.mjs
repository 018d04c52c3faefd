// Puts interlinear's WebAssembly reader into shared/bench/peers/bench.mjs, beside the JS parsers.
// INTERLINEAR_API=count measures reading alone (countTurns); the default, parseTranscript,
// also builds the full JavaScript object (segments with text per language) as the peers do.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const api = require(process.env.INTERLINEAR_JS || '../target/js-node/interlinear.js');
const mode = process.env.INTERLINEAR_API || 'parse';

export const name = mode === 'count' ? 'interlinear wasm (read)' : 'interlinear wasm (parse→JS)';
export function parse(text) {
  return mode === 'count' ? api.countTurns(text) : api.parseTranscript(text).segments.length;
}
