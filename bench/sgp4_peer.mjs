// sgp4_peer.mjs: the peer half of bench/sgp4_bench.c: satellite.js (npm)
// propagating the same element sets at the same times, with its plain
// propagate() and with its WASM BulkPropagator (EciBaseCalculator only:
// TEME position and velocity, as tcop's figures).
// usage: node bench/sgp4_peer.mjs CATALOGUE.tle NORAD T0_MS NTIMES STEP_MS REPS
// prints: key value (ns per propagation)
import { readFileSync } from 'node:fs';
import { twoline2satrec, propagate, BulkPropagator, EciBaseCalculator,
    createSingleThreadRuntime } from 'satellite.js';

const [path, norad, t0s, ntimess, steps, repss] = process.argv.slice(2);
const t0 = Number(t0s), ntimes = Number(ntimess), step = Number(steps);
const reps = Number(repss);
const lines = readFileSync(path, 'ascii').split(/\r?\n/);
const sats = [];
let one = null;
for (let i = 0; i + 1 < lines.length; i++) {
  if (lines[i].startsWith('1 ') && lines[i + 1].startsWith('2 ')) {
    const s = twoline2satrec(lines[i], lines[i + 1]);
    sats.push(s);
    if (Number(lines[i].slice(2, 7)) === Number(norad)) one = s;
  }
}
const now = () => Number(process.hrtime.bigint());
const dates = Array.from({ length: ntimes }, (_, k) => new Date(t0 + k * step));
let sink = 0;

function timeit(fn, n) {
  fn(); // warm up
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const a = now();
    fn();
    best = Math.min(best, (now() - a) / n);
  }
  return best;
}

const oneProp = timeit(() => {
  for (const d of dates) { const p = propagate(one, d); if (p) sink += p.position.x; }
}, ntimes);
const catDate = [new Date(t0)];
const catProp = timeit(() => {
  for (const s of sats) { const p = propagate(s, catDate[0]); if (p) sink += p.position.x; }
}, sats.length);

const runtime = await createSingleThreadRuntime();
const bulk1 = new BulkPropagator({ runtime, calculators: [new EciBaseCalculator()],
  satRecsCount: 1, datesCount: ntimes });
bulk1.setSatRecs([one]);
bulk1.setDates(dates);
const oneBulk = timeit(() => bulk1.run(), ntimes);
sink += bulk1.getRawOutput().eci.position[0];
bulk1.dispose();
const bulkN = new BulkPropagator({ runtime, calculators: [new EciBaseCalculator()],
  satRecsCount: sats.length, datesCount: 1 });
bulkN.setSatRecs(sats);
bulkN.setDates(catDate);
const catBulk = timeit(() => bulkN.run(), sats.length);
sink += bulkN.getRawOutput().eci.position[0];
bulkN.dispose();

console.log(`one_propagate ${oneProp}`);
console.log(`one_bulk ${oneBulk}`);
console.log(`cat_propagate ${catProp}`);
console.log(`cat_bulk ${catBulk}`);
console.log(`cat_count ${sats.length}`);
console.log(`sink ${sink > 0 ? 1 : 0}`);
