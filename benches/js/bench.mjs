// The npm package nidan beside otpauth and otplib, interleaved in one Node
// process: nidan's native API, its otpauth drop-in (nidan/otpauth), the
// real otpauth, and otplib's functional API.
//
// Every library gets the same inputs: the RFC 6238 SHA1 seed, 6 digits,
// 30-second steps and a fixed time (RFC 6238's 1111111109, whose code is
// 081804). Three cases: generate the code, validate it (window of one step
// each way), and validate a wrong code (the same window: every step is
// computed, nothing matches).
//
//   cd benches/js && npm ci && node bench.mjs            # about a minute
//   node bench.mjs --quick                                # each case a few times, checked, no timing
//
// It prints operations per second (the best of the interleaved batches: on
// a busy machine, other work only ever slows a batch down) and the ratio to
// otpauth. Wall-clock figures move from run to run on a shared machine; the
// ratios, measured side by side, move much less.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import * as nidan from 'nidan';
import * as nidanOtpauth from 'nidan/otpauth';
import * as otpauth from 'otpauth';
import { generateSync, verifySync } from 'otplib';

const SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const TIME = 1111111109;
const CODE = '081804'; // RFC 6238's 07081804, cut to 6 digits
const BASELINE = 'otpauth';

// A code that no step of the window around TIME has.
const reference = new nidan.Totp(nidan.Secret.fromBase32(SEED_BASE32));
const step = reference.step(TIME);
const taken = new Set([-2, -1, 0, 1, 2].map((d) => reference.generateAtStep(step + d)));
const WRONG = ['111111', '222222', '333333'].find((code) => !taken.has(code));

/** For each library, a function per case; each returns what a check can judge. */
function libraries() {
  const native = new nidan.Totp(nidan.Secret.fromBase32(SEED_BASE32));
  const dropIn = new nidanOtpauth.TOTP({ secret: nidanOtpauth.Secret.fromBase32(SEED_BASE32) });
  const real = new otpauth.TOTP({ secret: otpauth.Secret.fromBase32(SEED_BASE32) });
  const ms = TIME * 1000;
  return {
    nidan: {
      generate: () => native.generate(TIME),
      validate: () => native.verify(CODE, { time: TIME }).drift,
      wrong: () => native.verify(WRONG, { time: TIME }).drift,
    },
    'nidan/otpauth': {
      generate: () => dropIn.generate({ timestamp: ms }),
      validate: () => dropIn.validate({ token: CODE, timestamp: ms, window: 1 }),
      wrong: () => dropIn.validate({ token: WRONG, timestamp: ms, window: 1 }),
    },
    otpauth: {
      generate: () => real.generate({ timestamp: ms }),
      validate: () => real.validate({ token: CODE, timestamp: ms, window: 1 }),
      wrong: () => real.validate({ token: WRONG, timestamp: ms, window: 1 }),
    },
    otplib: {
      generate: () => generateSync({ secret: SEED_BASE32, epoch: TIME }),
      validate: () => verifySync({ secret: SEED_BASE32, token: CODE, epoch: TIME, epochTolerance: 30 }).delta,
      wrong: () => verifySync({ secret: SEED_BASE32, token: WRONG, epoch: TIME, epochTolerance: 30 }).delta ?? null,
    },
  };
}

const CASES = {
  generate: { label: 'generate', expected: CODE },
  validate: { label: 'validate the current code (window 1)', expected: 0 },
  wrong: { label: 'validate a wrong code (window 1)', expected: null },
};

function check(library, name, value) {
  const { expected } = CASES[name];
  if (value !== expected) {
    throw new Error(`${library} ${name}: got ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`);
  }
}

/** Calls per batch so that one batch takes about `target` milliseconds. */
function calibrate(fn, target) {
  let calls = 16;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn();
    const elapsed = performance.now() - start;
    if (elapsed > target / 4) return Math.max(16, Math.round((calls * target) / elapsed));
    calls *= 4;
  }
}

function main() {
  const quick = process.argv.includes('--quick');
  const rounds = quick ? 1 : Number(process.env.ROUNDS ?? 30);
  const batchMs = quick ? 1 : 20;
  const libs = libraries();
  const runs = [];
  for (const [library, cases] of Object.entries(libs)) {
    for (const [name, fn] of Object.entries(cases)) {
      check(library, name, fn());
      runs.push({ library, name, fn, calls: quick ? 3 : calibrate(fn, batchMs), rates: [] });
    }
  }
  // Interleaved: every round runs one batch of every (library, case), in an
  // order that changes from round to round.
  for (let round = 0; round < rounds; round++) {
    const order = runs.map((_, i) => (i * (2 * round + 1)) % runs.length);
    const seen = new Set();
    for (let i of order) {
      while (seen.has(i)) i = (i + 1) % runs.length;
      seen.add(i);
      const run = runs[i];
      let value;
      const start = performance.now();
      for (let n = 0; n < run.calls; n++) value = run.fn();
      const elapsed = performance.now() - start;
      check(run.library, run.name, value);
      run.rates.push((run.calls * 1000) / elapsed);
    }
  }
  if (quick) {
    console.log(`bench.mjs --quick: ${runs.length} cases ran and gave the right answers (no timing)`);
    return;
  }
  const version = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;
  const versions = { nidan: version('nidan'), otpauth: version('otpauth'), otplib: version('otplib') };
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs`);
  console.log(`nidan ${versions.nidan}, otpauth ${versions.otpauth}, otplib ${versions.otplib}; the best of ${rounds} interleaved batches of ~${batchMs} ms each`);
  console.log('');
  console.log(`| case | ${Object.keys(libs).join(' | ')} |`);
  console.log(`| --- | ${Object.keys(libs).map(() => '---:').join(' | ')} |`);
  for (const [name, { label }] of Object.entries(CASES)) {
    const rate = (library) => Math.max(...runs.find((r) => r.library === library && r.name === name).rates);
    const base = rate(BASELINE);
    const cells = Object.keys(libs).map((library) => {
      const r = rate(library);
      return `${Math.round(r).toLocaleString('en-US')} ops/s (${(r / base).toFixed(2)}×)`;
    });
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
  console.log('');
  console.log(`Ratios are to ${BASELINE} (1.00×); higher is faster.`);
}

main();
