// The native API: the core's types in camelCase, synchronous once loaded.

import {
  WasmSecret, WasmTotp, WasmHotp, algorithmName, normalizeCode as wasmNormalize,
} from 'nidan-glue';
import { checked, fail } from './errors.js';
import {
  u64, u32, high, low, asBigInt, codeText, out, text, bytes, options, randomBytes, nowSeconds, MAX_INPUT, LIMITS,
} from './checks.js';

/** Opens the private constructors to the package's own modules (uri.js); not exported by any entry. */
export const PRIVATE = Symbol('nidan');
export const inspect = Symbol.for('nodejs.util.inspect.custom');

export function handleOf(secret) {
  if (!(secret instanceof Secret)) fail('INVALID_ARGUMENT', 'secret must be a nidan Secret');
  return secret._handle();
}

export const canonical = (algorithm) => checked(algorithmName(text(algorithm, 'algorithm')));

/**
 * The name of the decimal format (`CodeFormat::Decimal`), whose codes cross
 * from wasm as numbers; codes of other formats (Steam) cross as text.
 */
const DECIMAL = 'decimal';

/** A code argument as the wasm module takes it: anything but a string is a wrong code. */
const codeArgument = (code) => (typeof code === 'string' && code.length <= MAX_INPUT ? code : '');

/**
 * A shared secret, held in wasm memory. Shown only on request
 * (`toBase32()`, `toBase32Grouped()`, `toBytes()`); `free()` wipes it now,
 * otherwise it is wiped when garbage-collected.
 */
export class Secret {
  #handle;

  /** @private Use the static constructors. */
  constructor(token, handle) {
    if (token !== PRIVATE) fail('INVALID_ARGUMENT', 'use Secret.fromBase32, fromTypedBase32, fromBytes or generate');
    this.#handle = checked(handle);
  }

  /** Strict RFC 4648 base32, at least 80 bits unless `allowShort`. */
  static fromBase32(base32, given) {
    const { allowShort = false } = options(given);
    return new Secret(PRIVATE, WasmSecret.fromBase32(text(base32, 'base32'), false, allowShort === true));
  }

  /** Base32 as people type it: spaces, hyphens, lower case, full-width characters. */
  static fromTypedBase32(typed, given) {
    const { allowShort = false } = options(given);
    return new Secret(PRIVATE, WasmSecret.fromBase32(text(typed, 'typed'), true, allowShort === true));
  }

  /** Raw key bytes, at least 10 unless `allowShort`. */
  static fromBytes(keyBytes, given) {
    const { allowShort = false } = options(given);
    return new Secret(PRIVATE, WasmSecret.fromBytes(bytes(keyBytes, 'bytes'), allowShort === true, false));
  }

  /** A new random secret from `crypto.getRandomValues`: 20 bytes, or `bytes` (16 to 256). */
  static generate(given) {
    const { bytes: count = LIMITS.secretRandomBytes } = options(given);
    const random = randomBytes(u32(count, 'bytes'));
    try {
      return new Secret(PRIVATE, WasmSecret.fromBytes(random, false, true));
    } finally {
      random.fill(0);
    }
  }

  /** @private */
  _handle() {
    if (this.#handle === undefined) fail('INVALID_ARGUMENT', 'this secret was freed');
    return this.#handle;
  }

  /** Length of the key in bytes. */
  get byteLength() {
    return this._handle().byteLength;
  }

  /** The key as unpadded upper-case base32 (exposes the secret). */
  toBase32() {
    return this._handle().toBase32(false);
  }

  /** The key as base32 in groups of four, "JBSW Y3DP EHPK 3PXP" (exposes the secret). */
  toBase32Grouped() {
    return this._handle().toBase32(true);
  }

  /** A copy of the key bytes (exposes the secret). */
  toBytes() {
    return this._handle().toBytes();
  }

  /** Whether `other` holds the same key (constant time for equal lengths). */
  equals(other) {
    return other instanceof Secret && this._handle().equals(other._handle());
  }

  /** Wipes the key from wasm memory now; the secret cannot be used afterwards. */
  free() {
    this.#handle?.free();
    this.#handle = undefined;
  }

  toString() {
    return this.#handle === undefined ? 'Secret(freed)' : `Secret(${this.byteLength} bytes)`;
  }

  toJSON() {
    return this.toString();
  }

  [inspect]() {
    return this.toString();
  }
}

/** The verdict's `kind`, by the wasm module's status number. */
const KINDS = ['rejected', 'accepted', 'replayed'];

/**
 * What `verify` found: accepted, replayed (a code used already) or rejected.
 * The same calls and the same object whatever the outcome, so that the time
 * taken does not tell a matching code from a wrong one: when only a match
 * was read, it cost about 22 ns more and benches/js/dudect.mjs found |t|
 * above 300 over 300,000 calls.
 */
function verdict(status, handle, big) {
  const step = out(handle.matchedStep(), big);
  const drift = handle.matchedDrift();
  const found = status !== 0;
  return { kind: KINDS[status], accepted: status === 1, step: found ? step : null, drift: found ? drift : null };
}

/** A TOTP generator and verifier [RFC 6238]; times are Unix seconds (number or bigint). */
export class Totp {
  #handle;

  constructor(secret, given) {
    let {
      algorithm = LIMITS.totpAlgorithm, digits = LIMITS.totpDigits, period = LIMITS.totpPeriod, t0 = LIMITS.totpT0,
      format = LIMITS.totpFormat, handle,
    } = options(given);
    if (secret === PRIVATE) {
      this.#handle = checked(handle);
    } else {
      const key = handleOf(secret);
      algorithm = canonical(algorithm);
      this.#handle = checked(WasmTotp.create(key, algorithm, u32(digits, 'digits'), asBigInt(u64(period, 'period')),
        asBigInt(u64(t0, 't0')), text(format, 'format')));
    }
    Object.assign(this, { algorithm, digits, period, t0, format: this.#handle.format() });
    Object.freeze(this);
  }

  /** @private The wasm generator (for `nidan/server`). */
  _handle() {
    return this.#handle;
  }

  /** The time step at `time` (default: now). */
  step(time = nowSeconds()) {
    return this.timeStep(time).step;
  }

  /** The step at `time` (default: now), its first second, the first second of the next, and the seconds left. */
  timeStep(time = nowSeconds()) {
    const big = typeof time === 'bigint';
    const [step, start, end, remaining] = checked(this.#handle.timeStep(asBigInt(u64(time, 'time'))));
    return { step: out(step, big), start: out(start, big), end: out(end, big), remaining: out(remaining, big) };
  }

  /** The code at `time` (default: now). */
  generate(time = nowSeconds()) {
    const at = u64(time, 'time');
    const h = this.#handle;
    return this.format === DECIMAL ? codeText(h.generate(high(at), low(at)), this.digits) : checked(h.generateText(high(at), low(at)));
  }

  /** The code of time step `step`; `generateAtStep(step + 1)` is the next code. */
  generateAtStep(step) {
    const at = u64(step, 'step');
    const h = this.#handle;
    return this.format === DECIMAL ? codeText(h.generateAtStep(high(at), low(at)), this.digits) : h.generateAtStepText(high(at), low(at));
  }

  /**
   * Checks `code` at `time` (default: now) against the steps `behind` and
   * `ahead` of it (default 1 each, at most 100), in constant time, and
   * refuses steps at or below `lastAccepted` (store the `step` of each
   * accepted code and pass it here). Anything but a string of exactly
   * `digits` ASCII digits (5 upper-case Steam characters for `format:
   * 'steam'`) is rejected.
   */
  verify(code, given) {
    const {
      time = nowSeconds(), behind = LIMITS.windowBehind, ahead = LIMITS.windowAhead, lastAccepted = null,
    } = options(given);
    const at = u64(time, 'time');
    const hasLast = lastAccepted !== null && lastAccepted !== undefined;
    const last = hasLast ? u64(lastAccepted, 'lastAccepted') : 0;
    const status = this.#handle.verify(codeArgument(code), high(at), low(at), u32(behind, 'behind'), u32(ahead, 'ahead'),
      hasLast, high(last), low(last));
    return verdict(checked(status), this.#handle, typeof time === 'bigint');
  }
}

/** An HOTP generator and verifier [RFC 4226]; counters are numbers or bigints. */
export class Hotp {
  #handle;

  constructor(secret, given) {
    let {
      algorithm = LIMITS.hotpAlgorithm, digits = LIMITS.hotpDigits, format = LIMITS.hotpFormat, handle,
    } = options(given);
    if (secret === PRIVATE) {
      this.#handle = checked(handle);
    } else {
      const key = handleOf(secret);
      algorithm = canonical(algorithm);
      this.#handle = checked(WasmHotp.create(key, algorithm, u32(digits, 'digits'), text(format, 'format')));
    }
    Object.assign(this, { algorithm, digits, format: this.#handle.format() });
    Object.freeze(this);
  }

  /** The code for `counter`. */
  generate(counter) {
    const at = u64(counter, 'counter');
    const h = this.#handle;
    return this.format === DECIMAL ? codeText(h.generate(high(at), low(at)), this.digits) : h.generateText(high(at), low(at));
  }

  /**
   * Checks `code` against counters `counter` to `counter + lookAhead`
   * (default 0, at most 100) in constant time. Returns null, or the match:
   * store `nextCounter` as the new counter.
   */
  verify(code, counter, given) {
    const { lookAhead = LIMITS.hotpLookAhead } = options(given);
    const big = typeof counter === 'bigint';
    const h = this.#handle;
    const at = u64(counter, 'counter');
    const matched = checked(h.verify(codeArgument(code), high(at), low(at), u32(lookAhead, 'lookAhead')));
    // Read whatever the outcome, as in `verdict` (a match alone read cost 56 ns more).
    const found = { step: out(h.matchedCounter(), big), drift: h.matchedDrift(), nextCounter: out(h.nextCounter(), big) };
    return matched ? found : null;
  }
}

/**
 * A code as a person typed or pasted it ("１２３ ４５６", "123-456") as plain
 * digits, or null when it is not 6 to 10 digits. `verify` itself is strict.
 */
export function normalizeCode(typed) {
  if (typeof typed !== 'string' || typed.length > MAX_INPUT) return null;
  return wasmNormalize(typed) ?? null;
}
