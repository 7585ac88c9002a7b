// Types of `nidan/enrol`: everything of `nidan`, plus Google Authenticator
// exports and QR codes. Its classes are its own (a module of its own): pass
// its `KeyUri` objects to its `MigrationBatch`.

import type { KeyUri } from './index.js';

export * from './index.js';

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
