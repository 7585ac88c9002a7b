// Types of `nidan/enrol`: everything of `nidan`, plus otpauth URIs
// (`KeyUri`: `nidan` itself has codes only), Google Authenticator exports and
// QR codes. Its classes are its own (a module of its own): pass its `Secret`
// objects to its `KeyUri` and its `KeyUri` objects to its `MigrationBatch`.

import type { AlgorithmName, Algorithm, Integer, NidanError, Secret, Totp, Hotp } from './index.js';

export * from './index.js';

export interface KeyUriOptions {
  secret: Secret;
  account: string;
  issuer?: string | null;
  kind?: 'totp' | 'hotp';
  algorithm?: AlgorithmName;
  digits?: number;
  period?: Integer;
  counter?: Integer;
}

/** An enrolment, as carried by an otpauth URI. */
export class KeyUri {
  constructor(options: KeyUriOptions);
  /** Reads an otpauth URI strictly. */
  static parse(uri: string): KeyUri;
  /**
   * Reads an otpauth URI as an authenticator app must: what real services put
   * in QR codes, with every repair made. When the label's issuer and
   * `issuer=` differ, the parameter is used. `KeyUri.parse` stays strict.
   */
  static importUri(uri: string): ImportedKey;
  /** "totp" or "hotp" (`KeyUri::kind` in Rust, `KeyUri.kind` in Python). */
  readonly kind: 'totp' | 'hotp';
  readonly issuer: string | null;
  readonly account: string;
  readonly algorithm: Algorithm;
  readonly digits: number;
  /** How codes are written: 'steam' for a Steam Guard key (read by the import mode only; `toTotp()` then writes Steam codes). */
  readonly format: 'decimal' | 'steam';
  /** The TOTP period, null for HOTP (a bigint only beyond 2^53 - 1 or when given as one). */
  readonly period: Integer | null;
  /** The HOTP counter, null for TOTP (a bigint only beyond 2^53 - 1 or when given as one). */
  readonly counter: Integer | null;
  /** A copy of the secret. */
  readonly secret: Secret;
  /** The URI for a QR code (contains the secret). */
  toUri(): string;
  toTotp(): Totp;
  toHotp(): Hotp;
  toString(): string;
  toJSON(): string;
}


export interface MigrationBatchOptions {
  /** Format version; 1 by default. */
  version?: number;
  /** How many QR codes the export has; 1 by default. */
  batchSize?: number;
  /** Which of them this is, from 0; 0 by default. */
  batchIndex?: number;
  /** The id shared by the QR codes of one export (-2^31 to 2^31 - 1); random by default. */
  batchId?: number;
}

export interface ExportOptions {
  /** The id of the export's QR codes (-2^31 to 2^31 - 1); random by default. */
  batchId?: number;
  /** The longest URI, in bytes; `MigrationBatch.DEFAULT_MAX_URI_LEN` (1000) by default. */
  maxUriLen?: number;
}

/** What the import mode repaired: `kind` says what, `message` in a sentence; the fields that apply to the kind. */
export interface Repair {
  readonly kind:
    | 'issuer_differs'
    | 'plus_as_space'
    | 'parameter_name_case'
    | 'number_leading_zeros'
    | 'secret_separators'
    | 'secret_padding'
    | 'secret_trailing_bits'
    | 'secret_short'
    | 'algorithm_outside_format'
    | 'steam_guard';
  readonly message: string;
  /** `issuer_differs`: the issuer in the label. */
  readonly label?: string;
  /** `issuer_differs`: the issuer parameter (which the key carries); `parameter_name_case`, `number_leading_zeros`: the parameter's name. */
  readonly parameter?: string;
  /** `plus_as_space`: `"issuer"` or `"label"`. */
  readonly part?: string;
  /** `secret_short`: the secret's length in bits. */
  readonly bits?: number;
  /** `algorithm_outside_format`: the algorithm's name. */
  readonly algorithm?: string;
}

/** A key read by the import mode, with every repair made to read it. */
export interface ImportedKey {
  readonly key: KeyUri;
  readonly repairs: readonly Repair[];
}

/** An export read by `MigrationBatch.importUri`: one result per account. */
export interface MigrationImport {
  /** Per account, in order: the key with its repairs, or the error (not thrown) saying why it cannot be used. */
  readonly accounts: readonly (ImportedKey | NidanError)[];
  /** The accounts that cannot be used: their index and error. */
  readonly failures: readonly { readonly index: number; readonly error: NidanError }[];
  /** The batch fields, with the usable keys as accounts. */
  readonly batch: MigrationBatch;
}

/**
 * One QR code of a Google Authenticator export ("Transfer accounts"):
 * `otpauth-migration://offline?data=...`. `toString()` shows no secret.
 */
export class MigrationBatch {
  /** The longest export URI `parse` reads, in bytes (8192). */
  static readonly MAX_LEN: number;
  /** The default `maxUriLen` of `export` (1000). */
  static readonly DEFAULT_MAX_URI_LEN: number;
  constructor(accounts: Iterable<KeyUri>, options?: MigrationBatchOptions);
  /** Decodes an export URI; `NidanUriError` when it is malformed or holds values nidan cannot use. */
  static parse(uri: string): MigrationBatch;
  /** Decodes an export with one result per account; throws only when the export as a whole is unreadable. */
  static importUri(uri: string): MigrationImport;
  /** The accounts as export URIs, one per QR code, each at most `maxUriLen` bytes. */
  static export(accounts: Iterable<KeyUri>, options?: ExportOptions): string[];
  readonly accounts: readonly KeyUri[];
  readonly version: number;
  readonly batchSize: number;
  readonly batchIndex: number;
  readonly batchId: number;
  /** This batch as one export URI (contains the secrets). */
  toUri(): string;
  toString(): string;
  toJSON(): string;
}

/** A QR code of some text, usually an otpauth URI; `toString()` shows its width only. */
export class Qr {
  /** Encodes `text`; `NidanParameterError` (`QR_TOO_LONG`) when it does not fit. */
  constructor(text: string);
  /** Modules per side, without the quiet zone. */
  readonly width: number;
  /** Whether the module at column `x`, row `y` is dark; outside the code, light. */
  isDark(x: number, y: number): boolean;
  /** An SVG image with the quiet zone, 8 units (pixels) per module; scale it with CSS. */
  toSvg(): string;
  /** Text for a terminal with a dark background. */
  toTerminal(): string;
  /** Wipes the modules from wasm memory now. */
  free(): void;
  toString(): string;
  toJSON(): string;
}
