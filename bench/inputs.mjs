// Large transcripts for the browser benchmarks: big.md of about N MB from shared/bench/gen.py,
// generated once and kept in bench-out/ (10 MB there, others in bench-out/<N>mb/).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../tests/e2e/harness.mjs';

const shared = process.env.SHARED || path.join(REPO_ROOT, '..', 'shared');
const out = path.join(REPO_ROOT, 'bench-out');

/** The bytes of big.md of about `mb` MB. */
export function generated(mb) {
  const dir = mb === 10 ? out : path.join(out, `${mb}mb`);
  const file = path.join(dir, 'big.md');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('python3', [path.join(shared, 'bench', 'gen.py'), path.join(REPO_ROOT, 'samples/chip-huyen-lennys-podcast.md'), dir, String(mb)]);
  }
  return fs.readFileSync(file);
}
