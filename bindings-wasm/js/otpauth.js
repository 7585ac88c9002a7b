// A drop-in for the otpauth package (9.x): the same classes, options,
// defaults, methods and return values, computed by the nidan core.
// Where otpauth accepts something the core refuses, this throws a NidanError
// instead (see "Migrating from otpauth" in the README). URIs are read by the
// core's import mode, as otpauth reads what real services emit; with the
// `hmac` option the MAC is the caller's, and the core truncates it.

import {
  WasmSecret, WasmTotp, WasmImportedUri, algorithmName, base32Encode, checkRandomLength, codeFromMac, windowSide,
  otpauthUri, timeStep as keylessTimeStep,
} from 'nidan-glue';
import { NidanSecretError, checked, fail } from './errors.js';
import {
  u64, u32, high, low, asBigInt, codeText, out, text, bytes, options, randomBytes, MAX_INPUT,
} from './checks.js';

/** The nidan version (otpauth exports its own version here). */
export const version = __NIDAN_VERSION__;

// The core reads every name and spelling otpauth reads (SHA-256, SHA2-256, SSL3-SHA1...).
const canonical = (algorithm) => checked(algorithmName(text(algorithm, 'algorithm')));

/** The `hmac` option: a function, or undefined for nidan's own HMAC. */
function customHmac(hmac) {
  if (hmac !== undefined && typeof hmac !== 'function') fail('INVALID_ARGUMENT', 'hmac must be a function');
  return hmac;
}

/** The counter as otpauth hands it to a custom hmac: 8 bytes, big-endian. */
function counterBytes(at) {
  const message = new Uint8Array(8);
  const view = new DataView(message.buffer);
  view.setUint32(0, high(at));
  view.setUint32(4, low(at));
  return message;
}

/** The code of the caller's MAC of `counter`: truncation and digits are the core's. */
function customCode(hmac, algorithm, secret, digits, counter) {
  if (secret === null || typeof secret !== 'object') fail('INVALID_ARGUMENT', 'secret must be a Secret');
  const mac = bytes(hmac(algorithm, secret.bytes, counterBytes(counter)), 'the hmac result');
  return checked(codeFromMac(mac, u32(digits, 'digits')));
}

/** Constant-time equality of two codes; their lengths are public. */
function sameCode(a, b) {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * otpauth's validate with a custom hmac: every counter of the window is
 * computed and compared (no early exit), within the core's window cap;
 * between several matches, the one otpauth would find first wins (0, -1,
 * +1, -2, +2, ...). Counters below 0 do not exist.
 */
function customDelta(hmac, algorithm, secret, digits, token, counter, window) {
  if (typeof token !== 'string') return null;
  const side = checked(windowSide(u32(window, 'window')));
  const at = BigInt(counter);
  let found = null;
  for (let i = 0; i <= side; i++) {
    for (const delta of i === 0 ? [0] : [-i, i]) {
      const step = at + BigInt(delta);
      if (step < 0n || step >= 1n << 64n) continue;
      const matches = sameCode(token, customCode(hmac, algorithm, secret, digits, step));
      if (matches && found === null) found = delta;
    }
  }
  return found;
}

const hex = '0123456789ABCDEF';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An OTP secret key; `bytes` holds it, as in otpauth. */
export class Secret {
  constructor(given) {
    const { buffer, size = 20 } = options(given);
    let key;
    if (buffer === undefined) {
      // The core's rule for new keys (at least 128 bits); otpauth's Secret
      // holds any number of bytes, so no upper bound.
      key = randomBytes(checked(checkRandomLength(u32(size, 'size'))));
    } else {
      key = new Uint8Array(buffer);
    }
    Object.defineProperty(this, 'bytes', { enumerable: true, writable: false, configurable: false, value: key });
  }

  static fromLatin1(str) {
    const chars = text(str, 'str');
    const key = new Uint8Array(chars.length);
    for (let i = 0; i < chars.length; i++) key[i] = chars.charCodeAt(i) & 0xff;
    return new Secret({ buffer: key.buffer });
  }

  static fromUTF8(str) {
    return new Secret({ buffer: encoder.encode(text(str, 'str')).buffer });
  }

  /** Lenient base32 (spaces, lower case, padding); impossible lengths and stray bits are refused. */
  static fromBase32(str) {
    const typed = WasmSecret.fromBase32(text(str, 'str'), true, true);
    try {
      return new Secret({ buffer: secretBytes(typed) });
    } catch (error) {
      // The core has no empty secrets; otpauth decodes "" to no bytes.
      if (error.code === 'SECRET_EMPTY') return new Secret({ buffer: new ArrayBuffer(0) });
      throw error;
    }
  }

  static fromHex(str) {
    const digits = text(str, 'str').replace(/ /g, '').toUpperCase();
    const key = new Uint8Array(digits.length >> 1);
    for (let i = 0; i < digits.length; i += 2) {
      const high = hex.indexOf(digits[i]);
      const low = i + 1 < digits.length ? hex.indexOf(digits[i + 1]) : -1;
      if (high < 0 || low < 0) {
        const position = i + (high < 0 ? 1 : 2);
        throw new NidanSecretError(`secret is not valid hex: character ${position} is not 0-9 or A-F`, 'HEX_CHARACTER');
      }
      key[i >> 1] = (high << 4) | low;
    }
    return new Secret({ buffer: key.buffer });
  }

  /** @deprecated As in otpauth: use `bytes`. */
  get buffer() {
    return this.bytes.buffer;
  }

  get latin1() {
    return String.fromCharCode(...this.bytes);
  }

  get utf8() {
    return decoder.decode(this.bytes);
  }

  get base32() {
    return base32Encode(bytes(this.bytes, 'bytes'));
  }

  get hex() {
    let digits = '';
    for (const byte of this.bytes) digits += hex[byte >> 4] + hex[byte & 15];
    return digits;
  }
}

// Keyed generators per secret object: the HMAC is keyed once and reused
// while the secret's bytes and the parameters stay the same. HOTP uses a
// TOTP of period 1: at time `counter` its step is `counter`, so it makes
// the same codes, and its window reaches both ways as otpauth's HOTP does.
const keyed = new WeakMap();

function generatorFor(secret, algorithm, digits, period) {
  if (secret === null || typeof secret !== 'object') fail('INVALID_ARGUMENT', 'secret must be a Secret');
  const key = bytes(secret.bytes, 'secret.bytes');
  const entry = keyed.get(secret);
  if (entry !== undefined && entry.algorithm === algorithm && entry.digits === digits
    && entry.period === period && sameBytes(entry.key, key)) {
    return entry.generator;
  }
  const name = canonical(algorithm);
  const places = u32(digits, 'digits');
  const step = asBigInt(u64(period, 'period'));
  const wasmKey = checked(WasmSecret.fromBytes(key, true, false));
  const generator = WasmTotp.create(wasmKey, name, places, step, 0n, 'decimal');
  wasmKey.free();
  checked(generator);
  keyed.set(secret, { algorithm, digits, period, key: key.slice(), generator });
  return generator;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// TOTP.counter and TOTP.remaining take no secret: the core computes the
// step from the period alone (TotpConfig::time_step).
function timeStep(period, timestamp) {
  return checked(keylessTimeStep(asBigInt(u64(period, 'period')), asBigInt(seconds(timestamp))));
}

/** Whole Unix seconds from a millisecond timestamp (number or bigint). */
function seconds(timestamp) {
  const ms = u64(timestamp, 'timestamp', true);
  return typeof ms === 'number' ? Math.floor(ms / 1000) : ms / 1000n;
}

function delta(generator, token, at, window) {
  if (typeof token !== 'string') return null;
  const side = u32(window, 'window');
  const code = token.length > MAX_INPUT ? '' : token;
  const status = checked(generator.verify(code, high(at), low(at), side, side, false, 0, 0));
  return status === 0 ? null : generator.matchedDrift();
}

/** The URI as otpauth writes it: the core's UriStyle::OtpauthJs. */
function uriOf(otp, isTotp, periodOrCounter) {
  return otpauthUri(
    isTotp, text(otp.issuer, 'issuer'), text(otp.label, 'label'), Boolean(otp.issuerInLabel),
    bytes(otp.secret?.bytes, 'secret.bytes'), text(otp.algorithm, 'algorithm'), u32(otp.digits, 'digits'),
    asBigInt(periodOrCounter),
  );
}

/**
 * Sets what HOTP and TOTP objects share, with otpauth's defaults, in
 * otpauth's order (the constructor then sets the counter or period, and
 * `hmac`); returns the options.
 */
function configure(otp, given) {
  const config = options(given);
  const {
    issuer = '', label = 'OTPAuth', issuerInLabel = true, secret = new Secret(), algorithm = 'SHA1', digits = 6, hmac,
  } = config;
  otp.issuer = issuer;
  otp.label = label;
  otp.issuerInLabel = issuerInLabel;
  otp.secret = typeof secret === 'string' ? Secret.fromBase32(secret) : secret;
  // With the caller's own HMAC, the algorithm is only its name, as in otpauth.
  otp.algorithm = customHmac(hmac) ? algorithm : canonical(algorithm);
  otp.digits = digits;
  return config;
}

/** HOTP [RFC 4226], with otpauth's API. */
export class HOTP {
  static get defaults() {
    return { issuer: '', label: 'OTPAuth', issuerInLabel: true, algorithm: 'SHA1', digits: 6, counter: 0, window: 1 };
  }

  static generate(given) {
    const { secret, algorithm = 'SHA1', digits = 6, counter = 0, hmac } = options(given);
    const at = u64(counter, 'counter');
    if (customHmac(hmac)) return customCode(hmac, algorithm, secret, digits, at);
    const generator = generatorFor(secret, algorithm, digits, 1);
    return codeText(generator.generateAtStep(high(at), low(at)), digits);
  }

  /** The delta between `counter` and the matching counter within ±window, or null. */
  static validate(given) {
    const { token, secret, algorithm = 'SHA1', digits = 6, counter = 0, window = 1, hmac } = options(given);
    const at = u64(counter, 'counter');
    if (customHmac(hmac)) return customDelta(hmac, algorithm, secret, digits, token, at, window);
    return delta(generatorFor(secret, algorithm, digits, 1), token, at, window);
  }

  constructor(given) {
    const { counter = 0, hmac } = configure(this, given);
    this.counter = counter;
    this.hmac = hmac;
  }

  generate(given) {
    const { counter = this.counter++ } = options(given);
    return HOTP.generate({
      secret: this.secret, algorithm: this.algorithm, digits: this.digits, counter, hmac: this.hmac,
    });
  }

  validate(given) {
    const { token, counter = this.counter, window } = options(given);
    return HOTP.validate({
      token, secret: this.secret, algorithm: this.algorithm, digits: this.digits, counter, window, hmac: this.hmac,
    });
  }

  toString() {
    return uriOf(this, false, u64(this.counter, 'counter'));
  }
}

/** TOTP [RFC 6238], with otpauth's API; timestamps are in milliseconds. */
export class TOTP {
  static get defaults() {
    return { issuer: '', label: 'OTPAuth', issuerInLabel: true, algorithm: 'SHA1', digits: 6, period: 30, window: 1 };
  }

  static counter(given) {
    const { period = 30, timestamp = Date.now() } = options(given);
    return out(timeStep(period, timestamp)[0], false);
  }

  static remaining(given) {
    const { period = 30, timestamp = Date.now() } = options(given);
    return out(timeStep(period, timestamp)[2], false) * 1000 - Number(timestamp);
  }

  static generate(given) {
    const { secret, algorithm = 'SHA1', digits = 6, period = 30, timestamp = Date.now(), hmac } = options(given);
    if (customHmac(hmac)) return customCode(hmac, algorithm, secret, digits, TOTP.counter({ period, timestamp }));
    const generator = generatorFor(secret, algorithm, digits, period);
    const at = seconds(timestamp);
    return codeText(generator.generate(high(at), low(at)), digits);
  }

  /** The delta in periods between now and the matching period within ±window, or null. */
  static validate(given) {
    const {
      token, secret, algorithm = 'SHA1', digits = 6, period = 30, timestamp = Date.now(), window = 1, hmac,
    } = options(given);
    if (customHmac(hmac)) {
      const step = TOTP.counter({ period, timestamp });
      return customDelta(hmac, algorithm, secret, digits, token, step, window);
    }
    return delta(generatorFor(secret, algorithm, digits, period), token, seconds(timestamp), window);
  }

  constructor(given) {
    const { period = 30, hmac } = configure(this, given);
    this.period = period;
    this.hmac = hmac;
  }

  counter(given) {
    const { timestamp = Date.now() } = options(given);
    return TOTP.counter({ period: this.period, timestamp });
  }

  remaining(given) {
    const { timestamp = Date.now() } = options(given);
    return TOTP.remaining({ period: this.period, timestamp });
  }

  generate(given) {
    const { timestamp = Date.now() } = options(given);
    return TOTP.generate({
      secret: this.secret, algorithm: this.algorithm, digits: this.digits, period: this.period, timestamp, hmac: this.hmac,
    });
  }

  validate(given) {
    const { token, timestamp, window } = options(given);
    return TOTP.validate({
      token,
      secret: this.secret,
      algorithm: this.algorithm,
      digits: this.digits,
      period: this.period,
      timestamp,
      window,
      hmac: this.hmac,
    });
  }

  toString() {
    return uriOf(this, true, u64(this.period, 'period'));
  }
}

/**
 * otpauth URIs, read by the nidan core's import mode (what real services
 * emit: upper case, issuers that differ, padded secrets, every algorithm)
 * into HOTP/TOTP objects; with the `hmac` option, the algorithm parameter
 * may be any name for the caller's function, kept as written.
 */
export class URI {
  static parse(uri, given) {
    const { hmac } = options(given);
    const raw = text(uri, 'uri');
    const read = checked(WasmImportedUri.read(raw, customHmac(hmac) !== undefined));
    const key = read.key();
    const config = {
      issuer: key.issuer ?? '',
      label: key.account,
      issuerInLabel: read.issuerInLabel,
      secret: new Secret({ buffer: secretBytes(key.secret) }),
      algorithm: read.algorithmName ?? key.algorithm,
      digits: key.digits,
    };
    read.free();
    if (hmac !== undefined) config.hmac = hmac;
    const value = out(key.periodOrCounter, key.periodOrCounter > BigInt(Number.MAX_SAFE_INTEGER));
    const otp = key.isTotp ? new TOTP({ ...config, period: value }) : new HOTP({ ...config, counter: value });
    key.free();
    return otp;
  }

  /** As otpauth: `otp.toString()`. */
  static stringify(otp) {
    if (otp instanceof HOTP || otp instanceof TOTP) return otp.toString();
    return fail('INVALID_ARGUMENT', 'otp must be an HOTP or TOTP object');
  }
}

/** `use(handle)` for a wasm secret handle, which is freed (wiped) afterwards. */
function secretBytesOp(handle, use) {
  const secret = checked(handle);
  try {
    return use(secret);
  } finally {
    secret.free();
  }
}

/** The bytes of a wasm secret handle, which is freed (wiped) afterwards. */
const secretBytes = (handle) => secretBytesOp(handle, (secret) => secret.toBytes().buffer);
