"""QR codes: read back by an independent decoder (zxing-cpp), the SVG and
terminal drawings agree with the modules, bad input, and a repr without text."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
import zxingcpp

import nidan

QUIET = 4  # light modules around the code, as drawn by to_svg and to_terminal
SCALE = 4  # pixels per module in the test image


def image_of(qr: nidan.Qr) -> memoryview:
    """A grayscale image of the code, with its quiet zone, one byte per pixel."""
    side = (qr.width + 2 * QUIET) * SCALE
    pixels = bytearray(b"\xff" * side * side)
    for y in range(qr.width):
        for x in range(qr.width):
            if qr.is_dark(x, y):
                for dy in range(SCALE):
                    row = ((y + QUIET) * SCALE + dy) * side
                    start = row + (x + QUIET) * SCALE
                    pixels[start : start + SCALE] = b"\x00" * SCALE
    return memoryview(bytes(pixels)).cast("B", (side, side))


def enrolment_uri() -> str:
    totp = nidan.TOTP(nidan.Secret.generate(), issuer="Example Exchange", account="alice@example.com")
    return totp.to_uri()


def export_uri() -> str:
    rng = random.Random(7)
    accounts = [
        nidan.KeyUri.parse(
            nidan.TOTP(nidan.Secret.from_bytes(rng.randbytes(20)), issuer="Example", account=f"user{i}").to_uri()
        )
        for i in range(30)
    ]
    return nidan.MigrationBatch.export(accounts, batch_id=1)[0]


@pytest.mark.parametrize("text", [enrolment_uri(), export_uri(), "hello", "x" * 2000])
def test_an_independent_decoder_reads_the_text_back(text: str) -> None:
    qr = nidan.Qr(text)
    found = zxingcpp.read_barcode(image_of(qr))
    assert found is not None
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == text


def test_a_damaged_image_is_not_read_as_the_text() -> None:
    # The decoder is really reading the modules: without them there is nothing.
    qr = nidan.Qr("hello")
    side = (qr.width + 2 * QUIET) * SCALE
    blank = memoryview(b"\xff" * side * side).cast("B", (side, side))
    assert zxingcpp.read_barcode(blank) is None


def test_svg_and_terminal_drawings_agree_with_the_modules() -> None:
    qr = nidan.Qr(enrolment_uri())
    dark = {(x, y) for y in range(qr.width) for x in range(qr.width) if qr.is_dark(x, y)}
    svg = qr.to_svg()
    side = qr.width + 2 * QUIET
    # qrcode's SVG renderer: 8 units per module.
    assert "<svg" in svg and f'viewBox="0 0 {side * 8} {side * 8}"' in svg
    drawn = {(int(x) // 8 - QUIET, int(y) // 8 - QUIET) for x, y in re.findall(r"M(\d+) (\d+)h8v8", svg)}
    assert drawn == dark

    lines = qr.to_terminal().splitlines()
    assert len(lines) == (side + 1) // 2 and all(len(line) == side for line in lines)
    # Light modules are drawn: a full block is two light modules, a space two dark ones.
    halves = {"█": (False, False), "▀": (False, True), "▄": (True, False), " ": (True, True)}
    seen = set()
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            top, bottom = halves[char]
            for y, is_dark in ((2 * row, top), (2 * row + 1, bottom)):
                if is_dark and y < side:
                    seen.add((column - QUIET, y - QUIET))
    assert seen == dark


def test_width_coordinates_and_repr() -> None:
    qr = nidan.Qr("hello")
    assert qr.width == 21 and repr(qr) == "Qr(width=21)"
    assert qr.is_dark(0, 0) and not qr.is_dark(21, 0) and not qr.is_dark(0, 2**64 - 1)
    uri = enrolment_uri()
    secret = uri.split("secret=")[1].split("&")[0]
    big = nidan.Qr(uri)
    assert repr(big) == f"Qr(width={big.width})" and secret not in repr(big)
    with pytest.raises(AttributeError):
        big.width = 3  # type: ignore[misc]


def anything(value: object) -> Any:
    """Lets a test pass a value of the wrong type past mypy."""
    return value


def test_bad_input() -> None:
    with pytest.raises(nidan.ParameterError, match="too long for a QR code"):
        nidan.Qr("x" * 3000)
    with pytest.raises(nidan.ParameterError):
        nidan.Qr("\ud800")
    for value in (None, b"hello", 5):
        with pytest.raises(TypeError):
            nidan.Qr(anything(value))
    qr = nidan.Qr("hello")
    for x, y in ((-1, 0), (0, -1), (2**64, 0), (anything(0.0), 0)):
        with pytest.raises(nidan.ParameterError):
            qr.is_dark(x, y)
    wrong: list[tuple[object, object]] = [("0", 0), (0, None), (True, 0)]
    for bad_x, bad_y in wrong:
        with pytest.raises(TypeError):
            qr.is_dark(anything(bad_x), anything(bad_y))
