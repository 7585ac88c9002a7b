// The demo's logic: an authenticator screen and a server check, both on nidan.
// Codes come from `nidan`; otpauth URIs and QR codes from `nidan/enrol`, a
// larger module of its own, loaded the first time one is needed.
import { Secret, Totp, normalizeCode } from 'nidan';

const $ = (id) => document.getElementById(id);
const now = () => Math.floor(Date.now() / 1000);

let totp = null;
let lastAccepted = null;
/** Counts edits of the key field, so that a slow read of an old text is dropped. */
let edits = 0;

const TYPED = { issuer: 'nidan demo', account: 'Key typed by hand' };

/** Reads the key field: an otpauth URI (by nidan/enrol), or a key as people type it. */
async function readKey(text) {
  const trimmed = text.trim();
  if (trimmed.toLowerCase().startsWith('otpauth://')) {
    const { KeyUri } = await import('nidan/enrol');
    const key = KeyUri.parse(trimmed);
    if (key.kind !== 'totp') throw new Error('this demo shows time-based (TOTP) codes; the URI is for HOTP');
    return { key, secret: key.secret, totp: key.toTotp(), account: key.issuer ? `${key.issuer} · ${key.account}` : key.account };
  }
  const secret = Secret.fromTypedBase32(trimmed);
  return { key: null, secret, totp: new Totp(secret), account: `${TYPED.issuer} · ${TYPED.account}` };
}

let enrolment = null;

/**
 * Shows the enrolment QR code of the key (its otpauth URI) beside the key
 * in groups of four. `nidan/enrol`, which makes QR codes, is loaded on the
 * first click (or the first pasted URI) only.
 */
async function showQr() {
  const read = enrolment;
  if (read === null) return;
  const enrol = await import('nidan/enrol');
  if (read !== enrolment) return; // the key changed meanwhile
  // A typed key's secret is nidan's: nidan/enrol's KeyUri takes its own Secret.
  const key = read.key ?? new enrol.KeyUri({ secret: enrol.Secret.fromBase32(read.secret.toBase32()), ...TYPED });
  const qr = new enrol.Qr(key.toUri());
  const scale = 6;
  const quiet = 4;
  const canvas = $('qr');
  canvas.width = canvas.height = (qr.width + 2 * quiet) * scale;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (let y = 0; y < qr.width; y++) {
    for (let x = 0; x < qr.width; x++) {
      if (qr.isDark(x, y)) context.fillRect((x + quiet) * scale, (y + quiet) * scale, scale, scale);
    }
  }
  qr.free();
  $('grouped-key').textContent = read.secret.toBase32Grouped();
  $('enrolment').hidden = false;
}

async function onKey() {
  const edit = ++edits;
  const text = $('key').value;
  lastAccepted = null;
  $('log').replaceChildren();
  $('result').textContent = '';
  totp = null;
  enrolment = null;
  $('enrolment').hidden = true;
  $('key-error').hidden = true;
  $('account-card').hidden = true;
  if (text.trim() === '') return;
  try {
    const read = await readKey(text);
    if (edit !== edits) return; // the key changed meanwhile
    totp = read.totp;
    enrolment = read;
    $('account').textContent = read.account;
    $('account-card').hidden = false;
    tick();
  } catch (error) {
    if (edit !== edits) return;
    $('key-error').textContent = error.message;
    $('key-error').hidden = false;
  }
}

/** Redraws the code, the seconds left (red in the last five) and the next code. */
function tick() {
  if (totp === null) return;
  const step = totp.timeStep(now());
  $('code').textContent = group(totp.generateAtStep(step.step));
  $('code').dataset.step = String(step.step);
  $('seconds').textContent = String(step.remaining);
  $('account-card').classList.toggle('expiring', step.remaining <= 5);
  $('next-code').textContent = group(totp.generateAtStep(step.step + 1));
}

const group = (code) => (code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code);

function onLogin(event) {
  event.preventDefault();
  const result = $('result');
  if (totp === null) {
    result.className = 'refused';
    result.textContent = 'Enter a secret key first.';
    return;
  }
  const typed = $('typed').value;
  const code = normalizeCode(typed);
  const verdict = code === null ? null : totp.verify(code, { lastAccepted });
  let message;
  if (verdict?.accepted) {
    lastAccepted = verdict.step;
    const drift = verdict.drift === 0 ? 'no clock drift'
      : `clock drift ${verdict.drift > 0 ? '+' : ''}${verdict.drift} step${Math.abs(verdict.drift) === 1 ? '' : 's'}`;
    message = `Accepted (${drift}).`;
  } else if (verdict?.kind === 'replayed') {
    message = 'Refused: this code was used already (replay).';
  } else {
    message = 'Refused: wrong code.';
  }
  result.className = verdict?.accepted ? 'accepted' : 'refused';
  result.dataset.status = verdict?.kind ?? 'rejected';
  result.textContent = message;
  const entry = document.createElement('li');
  entry.textContent = `${typed.trim() || '(empty)'}: ${message}`;
  $('log').prepend(entry);
  $('typed').value = '';
}

$('key').addEventListener('input', onKey);
$('login').addEventListener('submit', onLogin);
$('show-qr').addEventListener('click', () => showQr().catch((error) => {
  $('key-error').textContent = error.message;
  $('key-error').hidden = false;
}));
setInterval(tick, 250);
onKey();
document.body.dataset.ready = 'true';
