//! QR codes read back by an independent decoder (`rqrr`), not by the encoder.
#![cfg(all(feature = "qr", feature = "migration"))]

use nidan::{KeyUri, MigrationBatch, Qr, Secret};

/// Draws the code at 4 pixels per module with its quiet zone and decodes it.
fn decode(qr: &Qr) -> String {
    let scale = 4;
    let side = (qr.width() + 8) * scale;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let dark = (x / scale)
            .checked_sub(4)
            .zip((y / scale).checked_sub(4))
            .is_some_and(|(x, y)| qr.is_dark(x, y));
        if dark { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "expected one QR code in the image");
    grids[0].decode().unwrap().1
}

#[test]
fn an_enrolment_uri_reads_back_exactly() {
    let secret = Secret::from_random(&[0x37; 20]).unwrap();
    let uri = KeyUri::totp(secret, Some("Example Exchange"), "alice@example.com")
        .to_uri()
        .unwrap();
    assert_eq!(decode(&Qr::new(&uri).unwrap()), *uri);
}

#[test]
fn export_batches_read_back_exactly() {
    let accounts: Vec<KeyUri> = (0..12)
        .map(|i| {
            KeyUri::totp(
                Secret::from_random(&[i; 20]).unwrap(),
                Some("Example"),
                &format!("user{i}"),
            )
        })
        .collect();
    for uri in MigrationBatch::export(&accounts, 9, 1000).unwrap() {
        assert_eq!(decode(&Qr::new(&uri).unwrap()), *uri);
    }
}

#[test]
fn svg_and_terminal_draw_the_same_modules() {
    let qr = Qr::new("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP").unwrap();
    let dark: Vec<(usize, usize)> = (0..qr.width())
        .flat_map(|y| (0..qr.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| qr.is_dark(x, y))
        .collect();
    // qrcode's SVG: 8 units per module, one `M{x} {y}h8v8H{x}V{y}` each.
    let svg = qr.to_svg();
    let side = qr.width() + 8;
    assert!(svg.contains(&format!("viewBox=\"0 0 {0} {0}\"", side * 8)));
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut drawn: Vec<(usize, usize)> = path
        .split('M')
        .filter(|rect| !rect.is_empty())
        .map(|rect| {
            let (x, rest) = rect.split_once(' ').unwrap();
            let y = rest.split_once('h').unwrap().0;
            (
                x.parse::<usize>().unwrap() / 8 - 4,
                y.parse::<usize>().unwrap() / 8 - 4,
            )
        })
        .collect();
    drawn.sort_by_key(|&(x, y)| (y, x));
    assert_eq!(drawn, dark);
    // The terminal: light modules drawn, two rows per line.
    let terminal = qr.to_terminal();
    assert!(terminal.ends_with('\n'));
    assert!(terminal.lines().all(|line| line.chars().count() == side));
    assert_eq!(terminal.lines().count(), side.div_ceil(2));
    let mut seen = Vec::new();
    for (row, line) in terminal.lines().enumerate() {
        for (column, cell) in line.chars().enumerate() {
            let (top_dark, bottom_dark) = match cell {
                '█' => (false, false),
                '▀' => (false, true),
                '▄' => (true, false),
                _ => (true, true),
            };
            for (y, is_dark) in [(2 * row, top_dark), (2 * row + 1, bottom_dark)] {
                if is_dark && y < side {
                    seen.push((column - 4, y - 4));
                }
            }
        }
    }
    seen.sort_by_key(|&(x, y)| (y, x));
    assert_eq!(seen, dark);
}

#[test]
fn debug_hides_the_content_and_overlong_text_is_refused() {
    let qr = Qr::new("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP").unwrap();
    assert_eq!(
        format!("{qr:?}"),
        format!("Qr {{ width: {}, .. }}", qr.width())
    );
    assert_eq!(
        Qr::new(&"9".repeat(8000)).unwrap_err(),
        nidan::Error::QrTooLong
    );
}
