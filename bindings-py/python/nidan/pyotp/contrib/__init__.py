"""Non-standard one-time password formats, as ``pyotp.contrib`` offers them."""

from .steam import Steam

__all__ = ["Steam"]
