// Google Authenticator exports ("Transfer accounts"): the QR codes that
// carry otpauth-migration://offline?data=... URIs.

import { WasmMigrationBatch, WasmMigrationImport } from 'nidan-glue';
import { checked, errorOf, fail } from './errors.js';
import { i32, u32, text, options, LIMITS } from './checks.js';
import { KeyUri, keyUriOf } from './uri.js';
import { importedOf } from './import.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/** The KeyUri objects of an iterable, as an array. */
function keyUris(accounts) {
  if (accounts === null || typeof accounts !== 'object' || typeof accounts[Symbol.iterator] !== 'function') {
    fail('INVALID_ARGUMENT', 'accounts must be an iterable of nidan KeyUri objects');
  }
  const list = [...accounts];
  if (!list.every((account) => account instanceof KeyUri)) {
    // Each entry of the package has a wasm module, and classes, of its own.
    fail('INVALID_ARGUMENT', 'accounts must be KeyUri objects from nidan/enrol');
  }
  return list;
}

/** `batch` (a wasm batch) with copies of `accounts` pushed; the caller frees it. */
function filled(batch, accounts) {
  for (const account of accounts) batch.push(account._handle());
  return batch;
}

/**
 * A wasm batch that is a whole export (the core's `MigrationBatch::new`),
 * with `batchId`, or without one the core's id of random bytes from
 * `crypto.getRandomValues`; the caller frees it.
 */
function whole(batchId) {
  if (batchId !== undefined) return WasmMigrationBatch.whole(i32(batchId, 'batchId'), 0);
  return WasmMigrationBatch.whole(undefined, globalThis.crypto.getRandomValues(new Uint32Array(1))[0]);
}

/**
 * One QR code of a Google Authenticator export: its accounts (`KeyUri`
 * objects) and the batch fields that tie the QR codes of one export
 * together. `toString()` shows the account count, never a secret.
 */
export class MigrationBatch {
  /** The longest export URI `parse` reads, in bytes. */
  static MAX_LEN = LIMITS.migrationMaxLen;
  /** The default `maxUriLen` of `export`: QR codes of this size scan reliably from a screen. */
  static DEFAULT_MAX_URI_LEN = LIMITS.migrationMaxUriLen;

  /** A batch of `accounts`: a whole export (one QR code) unless told otherwise; `batchId` is random unless given. */
  constructor(accounts, given) {
    const { version, batchSize, batchIndex, batchId } = options(given);
    this.accounts = Object.freeze(keyUris(accounts));
    const base = whole(batchId);
    try {
      this.version = version === undefined ? base.version : i32(version, 'version');
      this.batchSize = batchSize === undefined ? base.batchSize : i32(batchSize, 'batchSize');
      this.batchIndex = batchIndex === undefined ? base.batchIndex : i32(batchIndex, 'batchIndex');
      this.batchId = base.batchId;
    } finally {
      base.free();
    }
    Object.freeze(this);
  }

  /** Decodes an `otpauth-migration://offline?data=...` URI; a NidanUriError when it is malformed. */
  static parse(uri) {
    const batch = checked(WasmMigrationBatch.parse(text(uri, 'uri')));
    try {
      const accounts = [];
      for (let i = 0; i < batch.accountCount; i++) accounts.push(keyUriOf(batch.account(i)));
      const { version, batchSize, batchIndex, batchId } = batch;
      return new MigrationBatch(accounts, { version, batchSize, batchIndex, batchId });
    } finally {
      batch.free();
    }
  }

  /**
   * Reads an export as an authenticator app must, with one result per
   * account: `{ accounts, failures, batch }`. `accounts[i]` is
   * `{ key, repairs }` (as `KeyUri.importUri` gives), or the error (not thrown)
   * saying why account `i` cannot be used; `failures` lists
   * `{ index, error }` for those; `batch` is a `MigrationBatch` of the
   * usable keys. Throws only when the export as a whole cannot be read.
   */
  static importUri(uri) {
    const handle = checked(WasmMigrationImport.importUri(text(uri, 'uri')));
    try {
      const accounts = [];
      const failures = [];
      for (let index = 0; index < handle.accountCount; index++) {
        const account = handle.account(index);
        if (account === undefined) {
          const error = errorOf(handle.accountError(index));
          accounts.push(error);
          failures.push(Object.freeze({ index, error }));
        } else {
          accounts.push(importedOf(account));
        }
      }
      const usable = accounts.filter((account) => !(account instanceof Error)).map(({ key }) => key);
      const { version, batchSize, batchIndex, batchId } = handle;
      const batch = new MigrationBatch(usable, { version, batchSize, batchIndex, batchId });
      return Object.freeze({ accounts: Object.freeze(accounts), failures: Object.freeze(failures), batch });
    } finally {
      handle.free();
    }
  }

  /**
   * `accounts` as export URIs, one per QR code: packed in order into as few
   * URIs as keep each at most `maxUriLen` bytes (default 1000), numbered by
   * `batchIndex` and `batchSize`, all with one `batchId` (random unless given).
   */
  static export(accounts, given) {
    const { batchId, maxUriLen = MigrationBatch.DEFAULT_MAX_URI_LEN } = options(given);
    const list = keyUris(accounts);
    const batch = filled(whole(batchId), list);
    try {
      return checked(batch.export(u32(maxUriLen, 'maxUriLen')));
    } finally {
      batch.free();
    }
  }

  /** This batch as one export URI (it contains the secrets). */
  toUri() {
    const batch = filled(WasmMigrationBatch.create(this.version, this.batchSize, this.batchIndex, this.batchId), this.accounts);
    try {
      return checked(batch.toUri());
    } finally {
      batch.free();
    }
  }

  toString() {
    return `MigrationBatch(accounts=${this.accounts.length}, version=${this.version}, batchSize=${this.batchSize}, `
      + `batchIndex=${this.batchIndex}, batchId=${this.batchId})`;
  }

  toJSON() {
    return this.toString();
  }

  [inspect]() {
    return this.toString();
  }
}
