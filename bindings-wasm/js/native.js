// The native API: the core's types in camelCase, synchronous once loaded.

import {
  WasmSecret, WasmTotp, WasmHotp, WasmKeyUri, algorithmName, normalizeCode as wasmNormalize,
} from '../pkg/nidan.js';
import { fail, rethrow } from './errors.js';
import { u64, u32, out, text, bytes, options, randomBytes, nowSeconds, MAX_INPUT } from './checks.js';

const PRIVATE = Symbol('nidan');
const inspect = Symbol.for('nodejs.util.inspect.custom');

function handleOf(secret) {
  if (!(secret instanceof Secret)) fail('INVALID_ARGUMENT', 'secret must be a nidan Secret');
  return secret._handle();
}

function canonical(algorithm) {
  try {
    return algorithmName(text(algorithm, 'algorithm'));
  } catch (e) {
    return rethrow(e);
  }
}

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
    this.#handle = handle;
  }

  /** Strict RFC 4648 base32, at least 80 bits unless `allowShort`. */
  static fromBase32(base32, given) {
    const { allowShort = false } = options(given);
    return Secret.#make(() => WasmSecret.fromBase32(text(base32, 'base32'), allowShort === true));
  }

  /** Base32 as people type it: spaces, hyphens, lower case, full-width characters. */
  static fromTypedBase32(typed, given) {
    const { allowShort = false } = options(given);
    return Secret.#make(() => WasmSecret.fromTypedBase32(text(typed, 'typed'), allowShort === true));
  }

  /** Raw key bytes, at least 10 unless `allowShort`. */
  static fromBytes(keyBytes, given) {
    const { allowShort = false } = options(given);
    return Secret.#make(() => WasmSecret.fromBytes(bytes(keyBytes, 'bytes'), allowShort === true));
  }

  /** A new random secret from `crypto.getRandomValues`: 20 bytes, or `bytes` (16 to 256). */
  static generate(given) {
    const { bytes: count = 20 } = options(given);
    const random = randomBytes(u32(count, 'bytes'));
    const secret = Secret.#make(() => WasmSecret.fromRandom(random));
    random.fill(0);
    return secret;
  }

  static #make(build) {
    try {
      return new Secret(PRIVATE, build());
    } catch (e) {
      return rethrow(e);
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
    return this._handle().toBase32();
  }

  /** The key as base32 in groups of four, "JBSW Y3DP EHPK 3PXP" (exposes the secret). */
  toBase32Grouped() {
    return this._handle().toBase32Grouped();
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

/** What `verify` found: accepted, replayed (a code used already) or rejected. */
function verdict(status, handle, big) {
  if (status === 0) return { status: 'rejected', accepted: false, step: null, drift: null };
  return {
    status: status === 1 ? 'accepted' : 'replayed',
    accepted: status === 1,
    step: out(handle.matchedStep(), big),
    drift: handle.matchedDrift(),
  };
}

/** A TOTP generator and verifier [RFC 6238]; times are Unix seconds (number or bigint). */
export class Totp {
  #handle;

  constructor(secret, given) {
    const { algorithm = 'SHA1', digits = 6, period = 30, t0 = 0, handle } = options(given);
    if (secret === PRIVATE) {
      Object.assign(this, { algorithm, digits, period, t0 });
      this.#handle = handle;
      Object.freeze(this);
      return;
    }
    const key = handleOf(secret);
    this.algorithm = canonical(algorithm);
    this.digits = u32(digits, 'digits');
    this.period = period;
    this.t0 = t0;
    try {
      this.#handle = new WasmTotp(key, this.algorithm, this.digits, u64(period, 'period'), u64(t0, 't0'));
    } catch (e) {
      rethrow(e);
    }
    Object.freeze(this);
  }

  /** The time step at `time` (default: now). */
  step(time = nowSeconds()) {
    return this.timeStep(time).step;
  }

  /** The step at `time` (default: now), its first second, the first second of the next, and the seconds left. */
  timeStep(time = nowSeconds()) {
    const big = typeof time === 'bigint';
    let values;
    try {
      values = this.#handle.timeStep(u64(time, 'time'));
    } catch (e) {
      rethrow(e);
    }
    return {
      step: out(values[0], big),
      start: out(values[1], big),
      end: out(values[2], big),
      remaining: out(values[3], big),
    };
  }

  /** The code at `time` (default: now). */
  generate(time = nowSeconds()) {
    try {
      return this.#handle.generate(u64(time, 'time'));
    } catch (e) {
      return rethrow(e);
    }
  }

  /** The code of time step `step`; `generateAtStep(step + 1)` is the next code. */
  generateAtStep(step) {
    return this.#handle.generateAtStep(u64(step, 'step'));
  }

  /**
   * Checks `code` at `time` (default: now) against the steps `behind` and
   * `ahead` of it (default 1 each, at most 100), in constant time, and
   * refuses steps at or below `lastAccepted` (store the `step` of each
   * accepted code and pass it here). Anything but a string of exactly
   * `digits` ASCII digits is rejected.
   */
  verify(code, given) {
    const { time = nowSeconds(), behind = 1, ahead = 1, lastAccepted = null } = options(given);
    const big = typeof time === 'bigint';
    const at = u64(time, 'time');
    const last = lastAccepted === null || lastAccepted === undefined ? undefined : u64(lastAccepted, 'lastAccepted');
    const sides = [u32(behind, 'behind'), u32(ahead, 'ahead')];
    const candidate = typeof code === 'string' && code.length <= MAX_INPUT ? code : '';
    try {
      return verdict(this.#handle.verify(candidate, at, sides[0], sides[1], last), this.#handle, big);
    } catch (e) {
      return rethrow(e);
    }
  }
}

/** An HOTP generator and verifier [RFC 4226]; counters are numbers or bigints. */
export class Hotp {
  #handle;

  constructor(secret, given) {
    const { algorithm = 'SHA1', digits = 6, handle } = options(given);
    if (secret === PRIVATE) {
      Object.assign(this, { algorithm, digits });
      this.#handle = handle;
      Object.freeze(this);
      return;
    }
    const key = handleOf(secret);
    this.algorithm = canonical(algorithm);
    this.digits = u32(digits, 'digits');
    try {
      this.#handle = new WasmHotp(key, this.algorithm, this.digits);
    } catch (e) {
      rethrow(e);
    }
    Object.freeze(this);
  }

  /** The code for `counter`. */
  generate(counter) {
    return this.#handle.generate(u64(counter, 'counter'));
  }

  /**
   * Checks `code` against counters `counter` to `counter + lookAhead`
   * (default 0, at most 100) in constant time. Returns null, or the match:
   * store `nextCounter` as the new counter.
   */
  verify(code, counter, given) {
    const { lookAhead = 0 } = options(given);
    const big = typeof counter === 'bigint';
    const from = u64(counter, 'counter');
    const ahead = u32(lookAhead, 'lookAhead');
    const candidate = typeof code === 'string' && code.length <= MAX_INPUT ? code : '';
    let found;
    try {
      found = this.#handle.verify(candidate, from, ahead);
    } catch (e) {
      rethrow(e);
    }
    if (!found) return null;
    return {
      counter: out(this.#handle.matchedCounter(), big),
      drift: this.#handle.matchedDrift(),
      nextCounter: out(this.#handle.nextCounter(), big),
    };
  }
}

/**
 * An enrolment, as carried by an otpauth URI (the text of a QR code).
 * `KeyUri.parse(key.toUri())` gives the same enrolment back.
 */
export class KeyUri {
  #handle;

  constructor(given, handle = undefined) {
    if (given === PRIVATE) {
      this.#handle = handle;
      this.#read(null);
      return;
    }
    const {
      secret, account, issuer = null, type = 'totp', algorithm = 'SHA1', digits = 6, period = 30, counter = 0,
    } = options(given);
    const key = handleOf(secret);
    if (type !== 'totp' && type !== 'hotp') fail('INVALID_ARGUMENT', `type must be "totp" or "hotp", got ${String(type)}`);
    const isTotp = type === 'totp';
    const value = isTotp ? u64(period, 'period') : u64(counter, 'counter');
    const owner = issuer === null || issuer === undefined ? undefined : text(issuer, 'issuer');
    try {
      this.#handle = new WasmKeyUri(key, owner, text(account, 'account'), isTotp, canonical(algorithm),
        u32(digits, 'digits'), value);
    } catch (e) {
      rethrow(e);
    }
    this.#read(typeof (isTotp ? period : counter) === 'bigint');
  }

  /** Reads an otpauth URI strictly (see the README for the rules). */
  static parse(uri) {
    let handle;
    try {
      handle = WasmKeyUri.parse(text(uri, 'uri'));
    } catch (e) {
      rethrow(e);
    }
    return new KeyUri(PRIVATE, handle);
  }

  #read(big) {
    const h = this.#handle;
    const value = h.periodOrCounter;
    const wide = big ?? value > BigInt(Number.MAX_SAFE_INTEGER);
    this.type = h.isTotp ? 'totp' : 'hotp';
    this.issuer = h.issuer ?? null;
    this.account = h.account;
    this.algorithm = h.algorithm;
    this.digits = h.digits;
    this.period = h.isTotp ? out(value, wide) : null;
    this.counter = h.isTotp ? null : out(value, wide);
    Object.freeze(this);
  }

  /** A copy of the secret. */
  get secret() {
    return new Secret(PRIVATE, this.#handle.secret);
  }

  /** The URI for a QR code (contains the secret). */
  toUri() {
    try {
      return this.#handle.toUri();
    } catch (e) {
      return rethrow(e);
    }
  }

  /** A TOTP generator for this enrolment. */
  toTotp() {
    try {
      const { algorithm, digits, period } = this;
      return new Totp(PRIVATE, { algorithm, digits, period, t0: 0, handle: this.#handle.toTotp() });
    } catch (e) {
      return rethrow(e);
    }
  }

  /** An HOTP generator for this enrolment; its counter is `counter`. */
  toHotp() {
    try {
      const { algorithm, digits } = this;
      return new Hotp(PRIVATE, { algorithm, digits, handle: this.#handle.toHotp() });
    } catch (e) {
      return rethrow(e);
    }
  }

  toString() {
    return `KeyUri(${this.type}, ${JSON.stringify(this.issuer)}, ${JSON.stringify(this.account)})`;
  }

  toJSON() {
    return this.toString();
  }

  [inspect]() {
    return this.toString();
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
