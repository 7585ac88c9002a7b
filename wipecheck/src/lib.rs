//! A test allocator that searches every block freed during a search for the
//! forms a secret takes in nidan (raw bytes, base32 in both cases and in
//! groups, percent-encoded bytes, base64 at each alignment, plain and
//! percent-encoded), so that a test can show that no buffer the library
//! frees still holds a secret.
//!
//! Every block is zeroed when it is allocated (so a block can only hold what
//! was written into it since), and every reallocation moves the block (so
//! each step of a growing buffer is searched as it is left behind).
//! A block counts when it holds any 8-byte piece of any form, or any piece
//! of the length asked for with [`freed_blocks_holding_pieces`] (a 6-digit
//! code is searched by its 6 bytes).
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: nidan_wipecheck::SearchingAllocator = nidan_wipecheck::SearchingAllocator;
//!
//! let secret = [0x9c, 0x31, 0xe7, 0x05, 0x6a, 0xd2, 0x4f, 0xb8, 0x13, 0x7e];
//! let forms = nidan_wipecheck::forms_of(&secret);
//! let found = nidan_wipecheck::freed_blocks_holding(&forms, || drop(secret.to_vec()));
//! assert_eq!(found.blocks, 1);
//! let found = nidan_wipecheck::freed_blocks_holding(&forms, || {
//!     let mut copy = secret.to_vec();
//!     copy.fill(0);
//! });
//! assert_eq!(found.blocks, 0);
//! ```
//!
//! # Why a crate of its own, with `unsafe`
//! A global allocator implements the `unsafe` trait `GlobalAlloc`, and
//! reading a block before it is freed takes a raw pointer. The workspace
//! forbids `unsafe` (`unsafe_code = "forbid"`), so this test-only crate
//! (never published, never a dependency of the library) sets its own lints
//! with `unsafe_code = "deny"` and allows it on the one `impl` below. No
//! maintained crate gives a hook on free with the block's contents:
//! `stats_alloc` and `tracking-allocator` count or report addresses, and
//! reading memory from an address would need the same `unsafe` again.
//!
//! The `unsafe` is four calls forwarded unchanged to [`System`] and one
//! read of a block that is live and initialised: see the `SAFETY` notes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;

/// Length of the pieces searched for: 8 bytes (40 bits of a base32 key),
/// unless a search asks for shorter ones.
const WINDOW: usize = 8;
/// The most forms one search looks for.
const MAX_FORMS: usize = 24;
/// The longest form, in bytes; longer ones are searched by their start.
const MAX_FORM_LEN: usize = 256;
/// The most pieces: every window of every form.
const MAX_PIECES: usize = MAX_FORMS * MAX_FORM_LEN;
/// How many findings are kept with their details (all are counted).
const MAX_EXAMPLES: usize = 16;

/// The global allocator for tests: [`System`], with zeroed blocks, moving
/// reallocations, and a search of each block freed during
/// [`freed_blocks_holding`] on the thread that runs it.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchingAllocator;

/// A freed block that held a piece of a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// Which form of the secret it held (the first one found).
    pub form: &'static str,
    /// The size of the block, in bytes.
    pub block_len: usize,
    /// Where in the block the piece starts.
    pub offset: usize,
}

/// What one search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// How many freed blocks held a piece of the secret.
    pub blocks: usize,
    /// The first of them, with what they held.
    pub examples: Vec<Finding>,
}

/// The state of the search on one thread. Fixed-size and without `Drop`,
/// so that the allocator can use it without allocating.
struct Search {
    armed: bool,
    /// Length of the pieces, 1 to [`WINDOW`].
    window: usize,
    /// The forms' names.
    names: [&'static str; MAX_FORMS],
    /// Every 8-byte piece of every form, sorted, with its form's index.
    pieces: [(u64, usize); MAX_PIECES],
    piece_count: usize,
    blocks: usize,
    examples: [Finding; MAX_EXAMPLES],
}

const NO_FINDING: Finding = Finding {
    form: "",
    block_len: 0,
    offset: 0,
};

thread_local! {
    static SEARCH: RefCell<Search> = const {
        RefCell::new(Search {
            armed: false,
            window: WINDOW,
            names: [""; MAX_FORMS],
            pieces: [(0, 0); MAX_PIECES],
            piece_count: 0,
            blocks: 0,
            examples: [NO_FINDING; MAX_EXAMPLES],
        })
    };
}

impl Search {
    fn record(&mut self, block: &[u8]) {
        let pieces = &self.pieces[..self.piece_count];
        let hit = block
            .windows(self.window)
            .enumerate()
            .find_map(|(offset, piece)| {
                let key = piece_key(piece);
                pieces
                    .binary_search_by(|&(candidate, _)| candidate.cmp(&key))
                    .ok()
                    .map(|index| (offset, self.names[pieces[index].1]))
            });
        if let Some((offset, form)) = hit {
            if let Some(slot) = self.examples.get_mut(self.blocks) {
                *slot = Finding {
                    form,
                    block_len: block.len(),
                    offset,
                };
            }
            self.blocks += 1;
        }
    }
}

/// A piece of up to [`WINDOW`] bytes as a number (zero-filled above).
fn piece_key(piece: &[u8]) -> u64 {
    let mut bytes = [0u8; WINDOW];
    bytes[..piece.len()].copy_from_slice(piece);
    u64::from_le_bytes(bytes)
}

#[allow(unsafe_code)]
// SAFETY: every method forwards to `System` with the arguments it was given,
// so `System`'s guarantees are ours; the search only reads.
unsafe impl GlobalAlloc for SearchingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // Zeroed, so that a block holds only what is written into it after.
        // SAFETY: the caller upholds `alloc`'s contract, which is `alloc_zeroed`'s.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // `try_with`/`try_borrow_mut`: nothing happens while the thread is
        // being torn down or while the search itself is being set up.
        let _ = SEARCH.try_with(|search| {
            if let Ok(mut search) = search.try_borrow_mut()
                && search.armed
            {
                // SAFETY: `dealloc`'s contract: `ptr` is a live block that
                // this allocator returned for `layout`, so `layout.size()`
                // bytes are readable; they are initialised, since `alloc`
                // zeroed them and writes since could only store values. No
                // one else uses the block during this call.
                let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
                search.record(block);
            }
        });
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }

    // `realloc` is left to the trait's default: allocate, copy, `dealloc`.
    // Every step of a growing buffer is thus left behind and searched, as
    // it would be whenever the system allocator cannot grow in place.
}

/// Every form the secret `bytes` can take inside nidan, named: raw, base32
/// (upper, lower, in groups of four), percent-encoded bytes, and base64 at
/// the three alignments a payload can put it at, plain and percent-encoded.
///
/// The encodings come from `data-encoding`, not from nidan.
pub fn forms_of(bytes: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let base32 = data_encoding::BASE32_NOPAD.encode(bytes);
    let grouped = base32
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let percent: String = bytes
        .iter()
        .flat_map(|byte| ['%', hex_digit(byte >> 4), hex_digit(byte & 0x0f)])
        .collect();
    let mut forms = vec![
        ("raw", bytes.to_vec()),
        ("base32", base32.clone().into_bytes()),
        (
            "base32 lower case",
            base32.to_ascii_lowercase().into_bytes(),
        ),
        ("base32 grouped", grouped.into_bytes()),
        ("percent-encoded", percent.into_bytes()),
    ];
    for start in 0..3 {
        // The characters that depend on the secret's bytes alone.
        let whole = bytes.get(start..).unwrap_or_default();
        let base64 = data_encoding::BASE64.encode(&whole[..whole.len() / 3 * 3]);
        let escaped = base64.replace('+', "%2B").replace('/', "%2F");
        forms.push(("base64", base64.into_bytes()));
        forms.push(("base64 percent-encoded", escaped.into_bytes()));
    }
    forms.retain(|(_, form)| form.len() >= WINDOW);
    forms
}

fn hex_digit(value: u8) -> char {
    char::from_digit(u32::from(value), 16).map_or('?', |digit| digit.to_ascii_uppercase())
}

/// Runs `run` and searches every block freed meanwhile on this thread for
/// an 8-byte piece of any of `forms` (see [`forms_of`]).
///
/// Values made before and dropped after `run` are not searched, so a test
/// sets up its inputs outside and drops what it wants searched inside.
///
/// # Panics
/// When called inside another search, with more than 24 forms, or when
/// [`SearchingAllocator`] is not the global allocator (found by a
/// self-test that frees a block holding a piece).
pub fn freed_blocks_holding(forms: &[(&'static str, Vec<u8>)], run: impl FnOnce()) -> Found {
    freed_blocks_holding_pieces(WINDOW, forms, run)
}

/// As [`freed_blocks_holding`], with pieces of `window` bytes: for secrets
/// shorter than 8 bytes, such as a 6-digit code. Forms shorter than
/// `window` are not searched.
///
/// ```
/// #[global_allocator]
/// static ALLOCATOR: nidan_wipecheck::SearchingAllocator = nidan_wipecheck::SearchingAllocator;
///
/// let forms = [("code", b"918273".to_vec())];
/// let found = nidan_wipecheck::freed_blocks_holding_pieces(6, &forms, || {
///     drop(String::from("code: 918273."));
/// });
/// assert_eq!(found.blocks, 1);
/// let found = nidan_wipecheck::freed_blocks_holding_pieces(6, &forms, || {
///     drop(String::from("code: 918274."));
/// });
/// assert_eq!(found.blocks, 0);
/// ```
///
/// # Panics
/// As [`freed_blocks_holding`], and when `window` is not from 1 to 8.
pub fn freed_blocks_holding_pieces(
    window: usize,
    forms: &[(&'static str, Vec<u8>)],
    run: impl FnOnce(),
) -> Found {
    assert!(forms.len() <= MAX_FORMS, "at most {MAX_FORMS} forms");
    assert!(
        (1..=WINDOW).contains(&window),
        "pieces of 1 to {WINDOW} bytes"
    );
    arm(window, forms);
    let canary = forms
        .iter()
        .find_map(|(_, form)| form.get(..window))
        .map(<[u8]>::to_vec);
    drop(canary);
    let searchable = forms.iter().any(|(_, form)| form.len() >= window);
    let allocator_searches = disarm().blocks == usize::from(searchable);
    assert!(
        allocator_searches,
        "SearchingAllocator must be the #[global_allocator] of this test binary"
    );
    arm(window, forms);
    let disarm_on_panic = Disarm;
    run();
    drop(disarm_on_panic);
    disarm()
}

fn arm(window: usize, forms: &[(&'static str, Vec<u8>)]) {
    SEARCH.with_borrow_mut(|search| {
        assert!(!search.armed, "searches do not nest");
        search.window = window;
        let mut count = 0;
        for (index, (name, form)) in forms.iter().enumerate() {
            search.names[index] = name;
            for piece in form[..form.len().min(MAX_FORM_LEN)].windows(window) {
                search.pieces[count] = (piece_key(piece), index);
                count += 1;
            }
        }
        search.pieces[..count].sort_unstable_by_key(|&(key, _)| key);
        search.piece_count = count;
        search.blocks = 0;
        search.armed = true;
    });
}

fn disarm() -> Found {
    let (blocks, examples) = SEARCH.with_borrow_mut(|search| {
        search.armed = false;
        (search.blocks, search.examples)
    });
    Found {
        blocks,
        examples: examples[..blocks.min(MAX_EXAMPLES)].to_vec(),
    }
}

/// Stops the search if `run` panics, so that the panic's own frees are not
/// searched and the next search can start.
struct Disarm;

impl Drop for Disarm {
    fn drop(&mut self) {
        SEARCH.with_borrow_mut(|search| search.armed = false);
    }
}
