// The demo's logic: an authenticator screen and a server check, both on nidan.
import { KeyUri, Secret, normalizeCode } from 'nidan';

const $ = (id) => document.getElementById(id);
const now = () => Math.floor(Date.now() / 1000);

let totp = null;
let lastAccepted = null;

/** Reads the key field: an otpauth URI, or a key as people type it. */
function readKey(text) {
  const trimmed = text.trim();
  let key;
  if (trimmed.toLowerCase().startsWith('otpauth://')) {
    key = KeyUri.parse(trimmed);
    if (key.type !== 'totp') throw new Error('this demo shows time-based (TOTP) codes; the URI is for HOTP');
  } else {
    key = new KeyUri({ secret: Secret.fromTypedBase32(trimmed), issuer: 'nidan demo', account: 'Key typed by hand' });
  }
  return { key, totp: key.toTotp(), account: key.issuer ? `${key.issuer} · ${key.account}` : key.account };
}

let enrolment = null;

/**
 * Shows the enrolment QR code of the key (its otpauth URI) beside the key
 * in groups of four. `nidan/enrol`, which makes QR codes, is a larger module
 * of its own: it is loaded on the first click only.
 */
async function showQr() {
  const key = enrolment;
  if (key === null) return;
  const { Qr } = await import('nidan/enrol');
  if (key !== enrolment) return; // the key changed meanwhile
  const qr = new Qr(key.toUri());
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
  $('grouped-key').textContent = key.secret.toBase32Grouped();
  $('enrolment').hidden = false;
}

function onKey() {
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
    const read = readKey(text);
    totp = read.totp;
    enrolment = read.key;
    $('account').textContent = read.account;
    $('account-card').hidden = false;
    tick();
  } catch (error) {
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
  } else if (verdict?.status === 'replayed') {
    message = 'Refused: this code was used already (replay).';
  } else {
    message = 'Refused: wrong code.';
  }
  result.className = verdict?.accepted ? 'accepted' : 'refused';
  result.dataset.status = verdict?.status ?? 'rejected';
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
