// The demo's logic: an authenticator screen and a server check, both on nidan.
import { KeyUri, Secret, Totp, normalizeCode } from 'nidan';

const $ = (id) => document.getElementById(id);
const now = () => Math.floor(Date.now() / 1000);

let totp = null;
let lastAccepted = null;

/** Reads the key field: an otpauth URI, or a key as people type it. */
function readKey(text) {
  const trimmed = text.trim();
  if (trimmed.toLowerCase().startsWith('otpauth://')) {
    const key = KeyUri.parse(trimmed);
    if (key.type !== 'totp') throw new Error('this demo shows time-based (TOTP) codes; the URI is for HOTP');
    return { totp: key.toTotp(), account: key.issuer ? `${key.issuer} · ${key.account}` : key.account };
  }
  return { totp: new Totp(Secret.fromTypedBase32(trimmed)), account: 'Key typed by hand' };
}

function onKey() {
  const text = $('key').value;
  lastAccepted = null;
  $('log').replaceChildren();
  $('result').textContent = '';
  totp = null;
  $('key-error').hidden = true;
  $('account-card').hidden = true;
  if (text.trim() === '') return;
  try {
    const read = readKey(text);
    totp = read.totp;
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
setInterval(tick, 250);
onKey();
document.body.dataset.ready = 'true';
