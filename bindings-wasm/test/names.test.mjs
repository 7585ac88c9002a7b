// The repository README's names table, JavaScript column: every name in it
// is exported by `nidan`, `nidan/enrol` or `nidan/server`, or is a member of
// an object they make or return (an interface of the .d.ts files), and every
// export is in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nidan from 'nidan';
import * as enrol from 'nidan/enrol';
import * as server from 'nidan/server';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../../README.md');
const table = readme.split('## Names across Rust, Python and JavaScript')[1].split('\n## ')[0];
const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
const index = rows[0].split('|').map((cell) => cell.trim()).indexOf('JavaScript');
const names = rows.slice(1).flatMap((row) => [...row.split('|')[index].matchAll(/`([^`]+)`/g)].map((match) => match[1]));
const types = ['../index.d.ts', '../enrol.d.ts', '../server.d.ts'].map(read).join('\n');
const exported = { ...nidan, ...enrol, ...server };

/** One object of each class or interface, to look instance members up on. */
function samples() {
  const secret = server.Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  const totp = new server.Totp(secret);
  const hotp = new nidan.Hotp(nidan.Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'));
  const key = enrol.KeyUri.parse('otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example');
  const imported = enrol.KeyUri.importUri('otpauth://totp/Some+Company%3Ame%40example.com?secret=jbswy3dpehpk3pxp&issuer=Microsoft');
  const exportUri = enrol.MigrationBatch.export([key])[0];
  const pepper = new Uint8Array(32);
  const [codes, printed] = server.RecoveryCodes.generate({ pepper });
  const [delivered, sms] = server.DeliveredCode.generate({ pepper, time: 0 });
  const login = new server.Login();
  let error;
  try {
    nidan.Secret.fromBase32('!');
  } catch (thrown) {
    error = thrown;
  }
  return {
    Secret: secret,
    Totp: totp,
    TimeStep: totp.timeStep(59),
    Verdict: totp.verify(totp.generate(59), { time: 59 }),
    Hotp: hotp,
    HotpMatch: hotp.verify(hotp.generate(3), 3),
    KeyUri: key,
    ImportedKey: imported,
    Repair: imported.repairs[0],
    MigrationBatch: enrol.MigrationBatch.parse(exportUri),
    MigrationImport: enrol.MigrationBatch.importUri(exportUri),
    Qr: new enrol.Qr('nidan'),
    NidanError: error,
    Record: new server.Record(),
    Login: login,
    Attempt: login.attempt(totp, new server.Record(), totp.generate(59), { time: 59 }),
    Recovery: login.recover(new server.Record(), codes, printed[0], { pepper, time: 0 }),
    RecoveryCodes: codes,
    DeliveredCode: delivered,
    Confirmation: delivered.check(sms, { pepper, time: 1 }),
  };
}

test('the table has JavaScript names', () => {
  assert.ok(names.length > 50, `${names.length} names`);
});

test('every JavaScript name in the README table exists', () => {
  const sample = samples();
  const missing = names.filter((name) => {
    const [owner, member, ...rest] = name.split('.');
    assert.equal(rest.length, 0, `${name}: one dot at most`);
    const declared = owner in exported || new RegExp(`export (interface|type) ${owner}\\b`).test(types);
    if (!declared) return true;
    if (member === undefined) return false;
    return !((owner in exported && member in exported[owner]) || (sample[owner] != null && member in Object(sample[owner])));
  });
  assert.deepEqual(missing, []);
});

test('every export of nidan, nidan/enrol and nidan/server is in the table', () => {
  const shown = new Set(names.map((name) => name.split('.')[0]));
  assert.deepEqual(Object.keys(exported).filter((name) => !shown.has(name)), []);
});
