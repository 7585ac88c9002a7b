// Type checks (tsc, not run): `nidan/enrol`, exports and QR codes.
import { KeyUri, MigrationBatch, Qr, Secret, Totp } from 'nidan/enrol';
import type { ImportedKey, MigrationImport, Repair } from 'nidan/enrol';

const key = new KeyUri({ secret: Secret.generate(), account: 'alice', issuer: 'ACME' });
const parsed: KeyUri = KeyUri.parse(key.toUri());
const period: number | bigint | null = parsed.period;
const uris: string[] = MigrationBatch.export([key], { batchId: 7, maxUriLen: 800 });
const batch: MigrationBatch = MigrationBatch.parse(uris[0]);
const accounts: readonly KeyUri[] = batch.accounts;
const fields: number[] = [batch.version, batch.batchSize, batch.batchIndex, batch.batchId];
const again: string = new MigrationBatch(accounts, { batchSize: 1 }).toUri();
const qr = new Qr(key.toUri());
const dark: boolean = qr.isDark(0, qr.width - 1);
const svg: string = qr.toSvg();
const text: string = qr.toTerminal();
const code: string = new Totp(key.secret).generate();
const imported: ImportedKey = KeyUri.importUri('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP');
const repairs: readonly Repair[] = imported.repairs;
const kinds: string[] = repairs.map((repair) => `${repair.kind}: ${repair.message}`);
const exported: MigrationImport = MigrationBatch.importUri(uris[0]);
const failed: number[] = exported.failures.map(({ index }) => index);
void [period, fields, again, dark, svg, text, code, kinds, failed, exported.batch.accounts];

// @ts-expect-error accounts are KeyUri objects
MigrationBatch.export(['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP']);
// @ts-expect-error coordinates are numbers
qr.isDark('0', 0);
// @ts-expect-error batches are read-only
batch.batchId = 1;
// @ts-expect-error repairs are read-only
imported.repairs.push(repairs[0]);
