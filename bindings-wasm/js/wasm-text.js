// The wasm module as a string literal inside the JavaScript bundles, so that
// every runtime and bundler gets it with the code: no file to fetch or read,
// no URL to rewrite, no asset to copy, no top-level await (the module is
// compiled synchronously, which Chromium allows up to 8 MB on the main
// thread; Firefox and Safari have no limit).
//
// Why a format of our own: what counts is the bundle's gzipped size, and
// gzip finds the module's repeats only when each byte keeps a fixed
// encoding. Measured on nidan.wasm (64 717 bytes, 23 795 gzipped with
// `gzip -9`): base64 gzips to 32 455 bytes (+36 %: a repeat is found only
// at the same offset modulo 3), hex to 26 209 (+10 %), and deflate inside
// base64 to 23 842 but needs an inflater, asynchronous (DecompressionStream,
// hence a top-level await, which Vite 5 and 6 refuse by default) or in
// JavaScript (fflate's inflateSync 2 149 bytes gzipped, tiny-inflate 1 531):
// over the 30 KB budget of a page that imports `nidan`. This format gzips to
// 23 903 (+0.5 %) and decodes in a dozen lines.
//
// The format: printable ASCII other than `"` and `\` (93 characters), so the
// text sits in a plain string literal that no bundler or minifier re-escapes.
// The 91 most frequent byte values get one character each, the other 165
// two (one of the last two characters, then any), each group in ascending
// order. The text starts with the set of frequent values, a 256-bit map in
// 64 hex digits (digit i holds values 4i to 4i + 3, lowest bit first).

const SINGLES = 91;
const RADIX = 93;
const MAP_DIGITS = 64;

/** The character of `digit` (0 to 92). */
const character = (digit) => String.fromCharCode(digit + 32 + (digit >= 2) + (digit >= 59));

/** The byte values in the order of their codes: those `isSingle` says first. */
function ranked(isSingle) {
  const values = [];
  for (const single of [true, false]) for (let value = 0; value < 256; value++) if (isSingle(value) === single) values.push(value);
  return values;
}

/** `bytes` (a Uint8Array) as text; build time only. */
export function encodeWasm(bytes) {
  const counts = new Array(256).fill(0);
  for (const byte of bytes) counts[byte] += 1;
  const frequent = new Set([...counts.keys()].sort((a, b) => counts[b] - counts[a] || a - b).slice(0, SINGLES));
  const codes = new Array(256);
  ranked((value) => frequent.has(value)).forEach((value, rank) => {
    const extra = rank - SINGLES;
    codes[value] = extra < 0
      ? character(rank)
      : character(SINGLES + Math.floor(extra / RADIX)) + character(extra % RADIX);
  });
  let map = '';
  for (let digit = 0; digit < MAP_DIGITS; digit++) {
    let bits = 0;
    for (let bit = 0; bit < 4; bit++) if (frequent.has(4 * digit + bit)) bits |= 1 << bit;
    map += bits.toString(16);
  }
  return map + Array.from(bytes, (byte) => codes[byte]).join('');
}

/** The bytes that `encodeWasm` turned into `text`. */
export function decodeWasm(text) {
  const values = ranked((value) => ((parseInt(text[value >> 2], 16) >> (value & 3)) & 1) === 1);
  const digit = (i) => {
    const code = text.charCodeAt(i);
    return code - 32 - (code > 34) - (code > 92);
  };
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (let i = MAP_DIGITS; i < text.length; i++) {
    const first = digit(i);
    bytes[length++] = values[first < SINGLES ? first : SINGLES + (first - SINGLES) * RADIX + digit(++i)];
  }
  return bytes.subarray(0, length);
}
