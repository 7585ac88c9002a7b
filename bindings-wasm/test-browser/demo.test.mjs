// The browser demo (examples/web/) in headless Chromium: read the code the
// authenticator panel shows, check it against nidan in Node, log in with it
// on the server panel, then see the same code refused as a replay; show the
// enrolment QR code and read it back from the canvas's pixels with jsQR.
// Needs /usr/bin/chromium (or NIDAN_CHROMIUM); saves test-results/demo.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import { Secret, Totp } from 'nidan';
import { KeyUri } from 'nidan/enrol';
import { serve } from '../../examples/web/serve.mjs';

const KEY = 'JBSW Y3DP EHPK 3PXP GEZD GNBV';
const chromiumFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

test('the demo shows the right code, accepts it once, refuses the replay, shows the enrolment QR', { timeout: 120_000 }, async (t) => {
  const server = await serve(0);
  t.after(() => server.close());
  const browser = await chromium.launch({
    executablePath: process.env.NIDAN_CHROMIUM ?? '/usr/bin/chromium', args: chromiumFlags, timeout: 60_000,
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('body[data-ready="true"]');

  await page.fill('#key', 'not a key!');
  await page.waitForSelector('#key-error:not([hidden])');
  assert.match(await page.textContent('#key-error'), /base32/);

  await page.fill('#key', `otpauth://totp/ACME%20Co:alice@example.com?secret=${KEY.replaceAll(' ', '')}&issuer=ACME%20Co`);
  await page.waitForSelector('#account-card:not([hidden])');
  assert.equal(await page.textContent('#account'), 'ACME Co · alice@example.com');
  // Read in one go: a redraw changes all of these together.
  const [shown, step, next, seconds, red] = await page.$eval('#account-card', (card) => [
    card.querySelector('#code').textContent.replace(' ', ''), Number(card.querySelector('#code').dataset.step),
    card.querySelector('#next-code').textContent.replace(' ', ''), Number(card.querySelector('#seconds').textContent),
    card.classList.contains('expiring'),
  ]);
  const core = new Totp(Secret.fromTypedBase32(KEY));
  assert.equal(shown, core.generateAtStep(step));
  assert.equal(next, core.generateAtStep(step + 1));
  assert.ok(seconds >= 1 && seconds <= 30);
  assert.equal(red, seconds <= 5);

  await page.fill('#typed', `${shown.slice(0, 3)} ${shown.slice(3)}`);
  await page.click('#submit');
  await page.waitForSelector('#result[data-status="accepted"]');
  assert.match(await page.textContent('#result'), /^Accepted \((no clock drift|clock drift -1 step)\)\.$/);

  await page.fill('#typed', shown);
  await page.click('#submit');
  await page.waitForSelector('#result[data-status="replayed"]');
  assert.match(await page.textContent('#result'), /replay/);

  await page.fill('#typed', shown === '000000' ? '000001' : '000000');
  await page.click('#submit');
  await page.waitForSelector('#result[data-status="rejected"]');

  // The enrolment QR code, beside the key in groups of four.
  assert.ok(await page.isHidden('#enrolment'));
  await page.click('#show-qr');
  await page.waitForSelector('#enrolment:not([hidden])');
  assert.equal(await page.textContent('#grouped-key'), KEY);
  const image = await page.$eval('#qr', (canvas) => {
    const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return { data: Array.from(data), width, height };
  });
  const read = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
  assert.ok(read !== null, 'no QR code on the canvas');
  const expected = KeyUri.parse(`otpauth://totp/ACME%20Co:alice@example.com?secret=${KEY.replaceAll(' ', '')}&issuer=ACME%20Co`);
  assert.equal(read.data, expected.toUri());
  // A typed key gets a URI of its own; a new key hides the old QR code.
  await page.fill('#key', KEY.toLowerCase());
  await page.waitForSelector('#enrolment', { state: 'hidden' });
  await page.click('#show-qr');
  await page.waitForSelector('#enrolment:not([hidden])');

  mkdirSync(new URL('../test-results/', import.meta.url), { recursive: true });
  await page.screenshot({ path: new URL('../test-results/demo.png', import.meta.url).pathname, fullPage: true });
  assert.deepEqual(problems, []);
});
