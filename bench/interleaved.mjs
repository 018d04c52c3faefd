// Two builds of the WebAssembly reader against each other in one Node process, in turns, so the
// machine's swings fall on both alike: per round and file, the best of nine calls of each (after
// one warm-up), round after round. Also checks that both give the same objects.
//   node bench/interleaved.mjs OLD_DIR NEW_DIR [ROUNDS] [DATA_DIR]
// OLD_DIR and NEW_DIR hold wasm-bindgen output (--target experimental-nodejs-module, as
// scripts/bench makes target/js-node); DATA_DIR holds big.md, big.vtt and big.srt (default
// bench-out). API=countTurns times reading alone instead of parseTranscript.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [oldDir, newDir, rounds = 5, dataDir = 'bench-out'] = process.argv.slice(2);
if (!newDir) throw new Error('usage: node bench/interleaved.mjs OLD_DIR NEW_DIR [ROUNDS] [DATA_DIR]');
const load = (dir) => import(pathToFileURL(resolve(dir, 'interlinear.js')).href);
const builds = [['old', await load(oldDir)], ['new', await load(newDir)]];
const api = process.env.API || 'parseTranscript';

for (const file of ['big.md', 'big.vtt', 'big.srt']) {
  const text = readFileSync(resolve(dataDir, file), 'utf8');
  // Builds of 2026-12-02 to 12-05 return a promise of the objects (building them was a part of
  // the embed then); awaiting objects returned at once is the same.
  const [a, b] = await Promise.all(builds.map(async ([, build]) => JSON.stringify(await build.parseTranscript(text))));
  const best = { old: [], new: [] };
  for (let round = 0; round < rounds; round++) {
    for (const [name, build] of builds) {
      await build[api](text);
      let fastest = Infinity;
      for (let i = 0; i < 9; i++) {
        const start = performance.now();
        await build[api](text);
        fastest = Math.min(fastest, performance.now() - start);
      }
      best[name].push(fastest.toFixed(1));
    }
  }
  console.log(`${file.padEnd(8)} ${api} ms, old: ${best.old.join(' ')} | new: ${best.new.join(' ')}${a === b ? '' : '  (the objects differ!)'}`);
}
