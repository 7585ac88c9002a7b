// Timing-leak evidence for the npm package's verification (the wasm build
// under Node), in the manner of dudect (Reparaz, Balasch, Verbauwhede,
// "Dude, is my code constant time?", 2017), with the pairs and statistics
// of the Rust harness (benches/benches/dudect.rs).
//
// The pairs come from ../dudect_pairs.json, which the Rust harness writes:
// for each pair, 128 inputs of each of two classes an attacker could choose
// between (a code and the call's other arguments) and the verdict every
// input of a class gets. Each measurement picks a class at random and an
// input of that class at random, and times one call of the native API
// (`totp.verify(code, { time, behind: 1, ahead: 1[, lastAccepted] })` or
// `hotp.verify(code, counter, { lookAhead: 5 })`) with
// `process.hrtime.bigint()`, the result kept in a global. Welch's t-test
// then compares the two classes' timings, uncropped and cropped at 100
// upper percentiles (at the fraction 1 - 0.5^(10 (k+1) / 100) of the sorted
// timings for k = 0..99, keeping the measurements strictly below the cut),
// exactly as the Rust harness does; the largest |t| is reported, and 4.5 is
// dudect's threshold for a leak. The first 10,000 calls warm up the JIT
// and are not used; the garbage collector runs when it likes (the cropping
// removes most of its pauses).
//
//   bash bindings-wasm/build.sh && cd benches/js && npm ci
//   nice -n 10 node dudect.mjs --samples 1000000 [FILTER]
//   node dudect.mjs --quick     # CI: checks every input's verdict, claims nothing
//
// What this covers and does not: see the README's Security notes.
import { readFileSync } from 'node:fs';
import { Hotp, Secret, Totp } from 'nidan';

const THRESHOLD = 4.5;
const QUICK_SAMPLES = 2000;
const WARM_UP = 10000;
const CHUNK = 4096;
const PAIRS = new URL('../dudect_pairs.json', import.meta.url);

/** The pairs of the file the Rust harness writes, as prepared calls. */
function load(path) {
  const spec = JSON.parse(readFileSync(path, 'utf8'));
  const secret = Secret.fromBytes(new TextEncoder().encode(spec.key));
  const totp = new Totp(secret, { algorithm: spec.algorithm, digits: spec.digits, period: spec.period });
  const hotp = new Hotp(secret, { algorithm: spec.algorithm, digits: spec.digits });
  const window = { behind: spec.behind, ahead: spec.ahead };
  // Each call is [code, second argument, third argument or undefined], the
  // options objects made once here, outside the timing.
  const prepare = {
    totp: ([code, time]) => [code, { time, ...window }, undefined],
    totp_replay: ([code, time, lastAccepted]) => [code, { time, ...window, lastAccepted }, undefined],
    hotp: ([code, counter]) => [code, counter, { lookAhead: spec.look_ahead }],
  };
  return spec.pairs.map((pair) => {
    const make = prepare[pair.call];
    if (!make) throw new Error(`unknown call ${pair.call} in ${path}`);
    return {
      name: pair.name,
      left: pair.left,
      right: pair.right,
      hotp: pair.call === 'hotp',
      verifier: pair.call === 'hotp' ? hotp : totp,
      classes: [pair.left_inputs, pair.right_inputs].map((inputs) => inputs.map(make)),
      verdicts: [pair.left_verdict, pair.right_verdict],
    };
  });
}

/** What the package says about one input: accepted, replayed or rejected. */
function verdict(pair, [code, second, third]) {
  const found = pair.verifier.verify(code, second, third);
  if (pair.hotp) return found === null ? 'rejected' : 'accepted';
  return found.kind;
}

/** Every input of each class gets the verdict the Rust core gave it. */
function check(pair) {
  pair.classes.forEach((calls, side) => {
    for (const call of calls) {
      const got = verdict(pair, call);
      if (got !== pair.verdicts[side]) {
        throw new Error(`${pair.name}: ${JSON.stringify(call)} is ${got}, the Rust harness found it ${pair.verdicts[side]}`);
      }
    }
  });
}

/** xorshift32: reproducible class and input choice; not for anything secret. */
function rng(seed) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

export let sink; // keeps every result alive, so that no call is optimised away

/** A new copy of a call's arguments (the code string, the options objects). */
function copy([code, second, third]) {
  const fresh = (value) => (typeof value === 'object' ? { ...value } : value);
  return [code.split('').join(''), fresh(second), fresh(third)];
}

/**
 * Times one verification per measurement, classes in random order. The
 * arguments of every call are new objects, made a chunk at a time outside
 * the timing in the order of the calls, so that where they sit in memory
 * does not differ between the classes (as in the Python harness).
 */
function measure(pair, samples, next) {
  const classes = new Uint8Array(samples);
  const chosen = new Array(samples);
  for (let i = 0; i < samples; i++) {
    const side = next() & 1;
    const pool = pair.classes[side];
    classes[i] = side;
    chosen[i] = pool[next() % pool.length];
  }
  const verifier = pair.verifier;
  for (let i = 0; i < Math.min(WARM_UP, samples); i++) {
    const [code, second, third] = chosen[i];
    sink = verifier.verify(code, second, third);
  }
  const timings = new Float64Array(samples);
  for (let first = 0; first < samples; first += CHUNK) {
    const calls = chosen.slice(first, first + CHUNK).map(copy);
    for (let i = 0; i < calls.length; i++) {
      const [code, second, third] = calls[i];
      const start = process.hrtime.bigint();
      sink = verifier.verify(code, second, third);
      const end = process.hrtime.bigint();
      timings[first + i] = Number(end - start);
    }
  }
  return { classes, timings };
}

/** Running mean and variance (Welford). */
class Welford {
  n = 0;
  mean = 0;
  m2 = 0;

  add(x) {
    this.n += 1;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  variance() {
    return this.n < 2 ? 0 : this.m2 / (this.n - 1);
  }
}

function welchT(a, b) {
  if (a.n < 2 || b.n < 2) return 0;
  const spread = Math.sqrt(a.variance() / a.n + b.variance() / b.n);
  return spread === 0 ? 0 : (a.mean - b.mean) / spread;
}

/** The first index of `sorted` whose value is not below `value`. */
function lowerBound(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Welch's t over all measurements and over those below each of 100 upper
 * percentiles (dudect's cuts): the t of largest magnitude, its cut (0:
 * uncropped), how many measurements it used and the difference of the
 * class means there (right - left).
 */
function maxT({ classes, timings }) {
  const n = timings.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => timings[a] - timings[b]);
  const ordered = Float64Array.from(order, (i) => timings[i]);
  // The measurements below a cut are a prefix of the sorted ones.
  const ends = [n];
  for (let k = 0; k < 100; k++) {
    const fraction = 1 - 0.5 ** ((10 * (k + 1)) / 100);
    ends.push(lowerBound(ordered, ordered[Math.min(Math.floor(n * fraction), n - 1)]));
  }
  const stats = [new Welford(), new Welford()];
  const snapshots = new Map();
  let position = 0;
  for (const end of [...new Set(ends)].sort((a, b) => a - b)) {
    for (; position < end; position++) stats[classes[order[position]]].add(ordered[position]);
    const [left, right] = stats;
    snapshots.set(end, { t: welchT(left, right), used: left.n + right.n, difference: right.mean - left.mean });
  }
  let best = { t: 0, cut: 0, used: 0, difference: 0 };
  ends.forEach((end, cut) => {
    const snapshot = snapshots.get(end);
    if (Math.abs(snapshot.t) > Math.abs(best.t)) best = { ...snapshot, cut };
  });
  return best;
}

function median(values) {
  const sorted = Float64Array.from(values).sort();
  return sorted.length ? sorted[sorted.length >> 1] : 0;
}

/** Checks, measures and prints one pair; returns max |t| and the mean difference. */
function run(pair, samples, next) {
  console.log(`${pair.name}: left = ${pair.left}; right = ${pair.right}`);
  check(pair);
  const measured = measure(pair, samples, next);
  const { t, cut, used, difference } = maxT(measured);
  const medians = [0, 1].map((side) => median(measured.timings.filter((_, i) => measured.classes[i] === side)));
  console.log(`  ${samples} measurements, median ${medians[0]} ns (left) / ${medians[1]} ns (right); `
    + `max |t| = ${Math.abs(t).toFixed(2)} (n = ${used} below percentile cut ${cut}, `
    + `mean right - left ${difference >= 0 ? '+' : ''}${difference.toFixed(2)} ns), ${Math.abs(t) < THRESHOLD ? 'ok' : 'ABOVE 4.5'}`);
  return { name: pair.name, t: Math.abs(t), difference };
}

function main() {
  const args = process.argv.slice(2);
  let samples = 1000000;
  let filter = null;
  let quick = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--quick') {
      quick = true;
      samples = QUICK_SAMPLES;
    } else if (args[i] === '--samples') {
      samples = Number(args[++i]);
      if (!Number.isInteger(samples) || samples < 2) throw new Error('--samples takes a whole number of at least 2');
    } else if (args[i].startsWith('-')) {
      throw new Error(`unknown option ${args[i]} (known: --samples N, --quick, FILTER)`);
    } else {
      filter = args[i];
    }
  }
  const pairs = load(PAIRS).filter((pair) => filter === null || pair.name.includes(filter));
  if (pairs.length === 0) throw new Error(`no pair matches ${filter}`);
  const version = JSON.parse(readFileSync(new URL('./node_modules/nidan/package.json', import.meta.url))).version;
  console.log(`nidan ${version}, Node ${process.version}, ${samples} measurements per pair`);
  const next = rng(0x6e5f6374);
  const rows = pairs.map((pair) => run(pair, samples, next));
  const largest = Math.max(...rows.map((row) => row.t));
  console.log('\n| pair | max \\|t\\| | mean difference |\n| --- | ---: | ---: |');
  for (const { name, t, difference } of rows) {
    console.log(`| ${name} | ${t.toFixed(2)} | ${difference >= 0 ? '+' : ''}${difference.toFixed(2)} ns |`);
  }
  if (quick) {
    console.log(`largest |t| = ${largest.toFixed(2)} (quick run: too few measurements to claim anything)`);
  } else {
    console.log(`largest |t| = ${largest.toFixed(2)} (${largest < THRESHOLD ? 'no leak detected' : 'LEAK OR NOISE, investigate'}: threshold ${THRESHOLD})`);
  }
}

main();
