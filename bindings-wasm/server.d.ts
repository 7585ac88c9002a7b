// Types of `nidan/server`: everything of `nidan`, plus the server side of
// two-step login. Its classes are its own (a module of its own): pass its
// `Totp` objects to its `Login`.

import type { Totp } from './index.js';

export * from './index.js';

/** Unix seconds: a number (a fraction is dropped) or a bigint. */
type Time = number | bigint;
/** Bytes: a Uint8Array, another typed array, a DataView or an ArrayBuffer. */
type Bytes = ArrayBufferView | ArrayBuffer;

/**
 * One user's second-factor state: last accepted step, consecutive failures
 * and the time of the last one, learned drift, version. `new Record()` is
 * the record of a new enrolment. Store `toText()` and write it back by
 * compare-and-set (`UPDATE ... SET record = $new WHERE user_id = $id AND record = $old`).
 */
export class Record {
  constructor();
  /** One more with every change. */
  readonly version: number | bigint;
  /** The last accepted step: codes of it and before are replays. */
  readonly lastStep: number | bigint | null;
  /** Consecutive failures since the last success or reset. */
  readonly failures: number;
  /** When the last failure happened (Unix seconds). */
  readonly lastFailure: number | bigint | null;
  /** The drift learned at the last success, in steps (negative: the user's clock is behind). */
  readonly drift: number;
  /** Reads the text form; `NidanParameterError` (code `STORED_VALUE`) when corrupted or foreign. */
  static fromText(text: string): Record;
  /** Reads the byte form; `NidanParameterError` (code `STORED_VALUE`) when corrupted or foreign. */
  static fromBytes(bytes: Bytes): Record;
  /** The text form (base32). */
  toText(): string;
  /** The byte form. */
  toBytes(): Uint8Array;
  /** The record with no failures: support lifts a hard stop with it. */
  resetFailures(): Record;
  /** A fresh record for a new enrolment that keeps the version growing. */
  restart(): Record;
  equals(other: unknown): boolean;
  toString(): string;
  toJSON(): string;
}

export interface LoginOptions {
  /** Steps accepted before the centre; 1 by default. */
  behind?: number;
  /** Steps accepted after the centre; 1 by default. */
  ahead?: number;
  /** The cap on the learned drift, in steps (0 to 100); 4 by default. */
  maxLearned?: number;
  /** Seconds of back-off after the first failure, doubling after each; 1 by default. */
  factor?: number | bigint;
  /** The longest back-off, in seconds; 900 by default. */
  maxWait?: number | bigint;
  /** Consecutive failures that stop attempts until `resetFailures` (1 to 100); 100 by default. */
  maxFailures?: number;
}

/** What one login attempt decided. Store `record` (by compare-and-set) when it is not null. */
export interface Attempt {
  readonly kind: 'accepted' | 'replayed' | 'rejected' | 'throttled' | 'locked';
  readonly accepted: boolean;
  readonly record: Record | null;
  /** The matched step, when accepted. */
  readonly step: number | bigint | null;
  /** The learned drift in steps, when accepted. */
  readonly drift: number | null;
  /** Seconds until the next attempt is allowed, when throttled. */
  readonly waitSeconds: number | bigint | null;
}

/** What one recovery attempt decided. Store `record`, and `codes` when accepted, by compare-and-set. */
export interface Recovery {
  readonly kind: 'accepted' | 'rejected' | 'throttled' | 'locked';
  readonly accepted: boolean;
  readonly record: Record | null;
  readonly codes: RecoveryCodes | null;
  readonly remaining: number | null;
  readonly waitSeconds: number | bigint | null;
}

export interface PepperOptions {
  /** The server's secret key for verifiers, at least 16 bytes, kept out of the database. */
  pepper: Bytes;
  /** Unix seconds; now by default. */
  time?: Time;
}

/**
 * The login policy: throttling (exponential back-off, then a hard stop),
 * then one constant-time scan of a window centred on the learned drift,
 * with replay refusal. Keeps no state: everything per user is in the `Record`.
 */
export class Login {
  constructor(options?: LoginOptions);
  readonly behind: number;
  readonly ahead: number;
  readonly maxLearned: number;
  readonly factor: number | bigint;
  readonly maxWait: number | bigint;
  readonly maxFailures: number;
  /** Decides one attempt of `code` (exactly `digits` ASCII digits) at `time` (default now). */
  attempt(totp: Totp, record: Record, code: string, options?: { time?: Time }): Attempt;
  /** Decides one attempt of a recovery code, behind the same throttle. */
  recover(record: Record, codes: RecoveryCodes, typed: string, options: PepperOptions): Recovery;
  /** Seconds to wait after `failures` consecutive failures. */
  delay(failures: number): number | bigint;
  toString(): string;
}

export interface RecoveryOptions {
  /** The server's secret key for verifiers, at least 16 bytes, kept out of the database. */
  pepper: Bytes;
  /** Codes in the set, 1 to 20; 10 by default. */
  count?: number;
}

/**
 * A user's recovery codes as stored: verifiers keyed with the server's
 * pepper, which codes were used, a version. `toString()` shows counts only.
 */
export class RecoveryCodes {
  private constructor();
  /** The most codes in a set (20). */
  static readonly MAX_COUNT: number;
  readonly count: number;
  readonly remaining: number;
  readonly version: number | bigint;
  /** A new set from `crypto.getRandomValues`, and its codes ("XXXX-XXXX-XXXX") to show once. */
  static generate(options: RecoveryOptions): [RecoveryCodes, string[]];
  /** As `generate`, from 16 + 8 per code random bytes the caller drew. */
  static fromRandom(random: Bytes, options: RecoveryOptions): [RecoveryCodes, string[]];
  static fromText(text: string): RecoveryCodes;
  static fromBytes(bytes: Bytes): RecoveryCodes;
  /** The set with the typed code used up, or null. Prefer `Login.recover`, which throttles. */
  redeem(typed: string, options: { pepper: Bytes }): RecoveryCodes | null;
  toText(): string;
  toBytes(): Uint8Array;
  equals(other: unknown): boolean;
  toString(): string;
  toJSON(): string;
}

export interface DeliveryOptions extends PepperOptions {
  /** Digits, 6 to 10; 6 by default. */
  digits?: number;
  /** Seconds the code stays valid, 1 to 86400; 600 by default. */
  lifetime?: number | bigint;
  /** Checks allowed, 1 to 20; 5 by default. */
  maxAttempts?: number;
}

/** What checking a delivered code decided. Store `code` (by compare-and-set) when it is not null. */
export interface Confirmation {
  readonly kind: 'accepted' | 'rejected' | 'expired' | 'exhausted' | 'used';
  readonly accepted: boolean;
  readonly code: DeliveredCode | null;
  /** Attempts left, when rejected. */
  readonly attemptsLeft: number | null;
}

/**
 * A code sent by SMS or email, as stored: a verifier keyed with the
 * server's pepper, expiry, attempts left, used or not, version.
 */
export class DeliveredCode {
  private constructor();
  readonly expiresAt: number | bigint;
  readonly attemptsLeft: number;
  readonly used: boolean;
  readonly version: number | bigint;
  /** A new code from `crypto.getRandomValues`: what to store, and the code to send. */
  static generate(options: DeliveryOptions): [DeliveredCode, string];
  /** As `generate`, from 24 random bytes the caller drew. */
  static fromRandom(random: Bytes, options: DeliveryOptions): [DeliveredCode, string];
  static fromText(text: string): DeliveredCode;
  static fromBytes(bytes: Bytes): DeliveredCode;
  /** Checks a typed code (spaces, hyphens and full-width digits are fine) at `time` (default now). */
  check(typed: string, options: PepperOptions): Confirmation;
  toText(): string;
  toBytes(): Uint8Array;
  equals(other: unknown): boolean;
  toString(): string;
  toJSON(): string;
}
