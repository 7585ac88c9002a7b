// Types of the npm package `nidan`. Numbers that are counters or times take a
// `number` (a safe integer) or a `bigint`; results come back as the type given.

export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';
/** Any spelling the core accepts: any case, hyphens allowed ("sha-256"). */
export type AlgorithmName = Algorithm | (string & {});
export type Integer = number | bigint;

/** Base class of the errors nidan throws; `code` is one of `errorCodes()`. */
export class NidanError extends Error {
  constructor(message: string, code: string);
  readonly code: string;
}
/** A secret could not be read, generated or is unfit for use. */
export class NidanSecretError extends NidanError {}
/** An otpauth URI is malformed or inconsistent. */
export class NidanUriError extends NidanError {}
/** A number, option or argument is out of range or of the wrong type. */
export class NidanParameterError extends NidanError {}
/** Every stable error `code`, from the core, whose documentation of `Error` says what each means. */
export function errorCodes(): string[];

export interface SecretOptions {
  /** Accept keys shorter than 80 bits (legacy keys). */
  allowShort?: boolean;
}

/** A shared secret, held in wasm memory; `toString()` shows its length only. */
export class Secret {
  private constructor();
  /** Strict RFC 4648 base32; at least 80 bits unless `allowShort`. */
  static fromBase32(base32: string, options?: SecretOptions): Secret;
  /** Base32 as people type it: spaces, hyphens, lower case, full-width characters. */
  static fromTypedBase32(typed: string, options?: SecretOptions): Secret;
  /** Raw key bytes; at least 10 unless `allowShort`. */
  static fromBytes(bytes: ArrayBufferView | ArrayBuffer, options?: SecretOptions): Secret;
  /** A new key from `crypto.getRandomValues`: 20 bytes, or `bytes` (16 to 256). */
  static generate(options?: { bytes?: number }): Secret;
  readonly byteLength: number;
  /** Unpadded upper-case base32 (exposes the secret). */
  toBase32(): string;
  /** Base32 in groups of four, "JBSW Y3DP EHPK 3PXP" (exposes the secret). */
  toBase32Grouped(): string;
  /** A copy of the key bytes (exposes the secret). */
  toBytes(): Uint8Array;
  /** The same key? Constant time for keys of equal length. */
  equals(other: Secret): boolean;
  /** Wipes the key from wasm memory now. */
  free(): void;
  toString(): string;
  toJSON(): string;
}

/** How codes are written: decimal digits, or Steam Guard's 5 characters of `23456789BCDFGHJKMNPQRTVWXY`. */
export type CodeFormat = 'decimal' | 'steam';
/** A code format's name, in any case ("Steam"); an unknown one throws `FORMAT`. */
export type CodeFormatName = CodeFormat | (string & {});

export interface TotpOptions {
  algorithm?: AlgorithmName;
  /** 6 to 10; 6 by default; exactly 5 for `format: 'steam'`. */
  digits?: number;
  /** 'decimal' (the default) or 'steam', in any case. */
  format?: CodeFormatName;
  /** Seconds per step; 30 by default. */
  period?: Integer;
  /** Unix time at which step 0 starts; 0 by default. */
  t0?: Integer;
}

export interface TimeStep<N extends Integer> {
  step: N;
  /** The step's first second. */
  start: N;
  /** The first second of the next step. */
  end: N;
  /** Seconds left in the step, 1 to `period`. */
  remaining: N;
}

export interface VerifyOptions<N extends Integer> {
  /** Unix seconds; now by default. */
  time?: N;
  /** Steps accepted before the current one (default 1, at most 100). */
  behind?: number;
  /** Steps accepted after the current one (default 1, at most 100). */
  ahead?: number;
  /** The step of the last accepted code: it and earlier steps are replays. */
  lastAccepted?: Integer | null;
}

export type Verdict<N extends Integer> =
  | { kind: 'accepted'; accepted: true; step: N; drift: number }
  | { kind: 'replayed'; accepted: false; step: N; drift: number }
  | { kind: 'rejected'; accepted: false; step: null; drift: null };

/** A TOTP generator and verifier [RFC 6238]; times are Unix seconds. */
export class Totp {
  constructor(secret: Secret, options?: TotpOptions);
  readonly algorithm: Algorithm;
  readonly digits: number;
  readonly period: Integer;
  readonly t0: Integer;
  /** How codes are written, 'decimal' or 'steam'. */
  readonly format: CodeFormat;
  step(time?: number): number;
  step(time: bigint): bigint;
  timeStep(time?: number): TimeStep<number>;
  timeStep(time: bigint): TimeStep<bigint>;
  generate(time?: Integer): string;
  /** The code of a step; `generateAtStep(step + 1)` is the next code. */
  generateAtStep(step: Integer): string;
  /** Constant-time check in a window, refusing replays; a wrong code is `rejected`, never an error. */
  verify(code: string, options?: VerifyOptions<number>): Verdict<number>;
  verify(code: string, options: VerifyOptions<bigint> & { time: bigint }): Verdict<bigint>;
}

export interface HotpMatch<N extends Integer> {
  /** The counter that matched (as `Match::step` in Rust and `Match.step` in Python). */
  step: N;
  /** Counters between the given counter and the match. */
  drift: number;
  /** The counter to store: one past the match. */
  nextCounter: N;
}

/** An HOTP generator and verifier [RFC 4226]. */
export class Hotp {
  constructor(secret: Secret, options?: { algorithm?: AlgorithmName; digits?: number; format?: CodeFormatName });
  readonly algorithm: Algorithm;
  readonly digits: number;
  /** How codes are written, 'decimal' or 'steam'. */
  readonly format: CodeFormat;
  generate(counter: Integer): string;
  /** Checks `counter` to `counter + lookAhead` (default 0, at most 100); null when no counter matches. */
  verify(code: string, counter: number, options?: { lookAhead?: number }): HotpMatch<number> | null;
  verify(code: string, counter: bigint, options?: { lookAhead?: number }): HotpMatch<bigint> | null;
}

/** A typed code ("１２３ ４５６", "123-456") as plain digits, or null. */
export function normalizeCode(typed: string): string | null;

/**
 * Every default and limit of nidan, as the Rust core defines them and this
 * package applies them, by camelCase name (`totpDigits`, `secretMaxBytes`,
 * `windowMaxSide`, ...): numbers, or names such as "SHA1". The entries with
 * exports (`nidan/enrol`) and the server side (`nidan/server`) list theirs
 * too. A new object each call.
 */
export function limits(): Readonly<Record<string, number | string>>;
