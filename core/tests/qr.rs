//! QR codes read back by an independent decoder (`rqrr`), not by the encoder.
#![cfg(feature = "qr")]

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
    assert_eq!(decode(&Qr::new(&uri).unwrap()), uri);
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
        assert_eq!(decode(&Qr::new(&uri).unwrap()), uri);
    }
}

#[test]
fn svg_and_terminal_draw_the_same_modules() {
    let qr = Qr::new("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP").unwrap();
    let svg = qr.to_svg();
    let dark = (0..qr.width())
        .flat_map(|y| (0..qr.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| qr.is_dark(x, y))
        .count();
    assert_eq!(svg.matches("h1v1h-1z").count(), dark);
    let terminal = qr.to_terminal();
    let side = qr.width() + 8;
    assert!(terminal.lines().all(|line| line.chars().count() == side));
    assert_eq!(terminal.lines().count(), side.div_ceil(2));
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
