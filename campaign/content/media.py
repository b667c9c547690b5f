"""The campaign's own images, `content/media/`: the share banners per locale, served under fingerprinted URLs.

Banners live in `media/banners/<locale>/` as `post`, `story` and `preview` (the link-preview image), each a PNG
with an optional SVG beside it; a locale without a banner simply shows none.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from flask import url_for

BANNER_NAMES = ("post", "story", "preview")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if head[:8] != PNG_SIGNATURE:
        raise ValueError(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@dataclass(frozen=True)
class Media:
    root: Path

    @cached_property
    def fingerprints(self) -> dict[str, str]:
        """A short hash of each file's bytes, by its path under the root; computed once."""
        if not self.root.is_dir():
            return {}
        return {path.relative_to(self.root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:10]
                for path in sorted(self.root.rglob("*")) if path.is_file()}

    def url(self, name: str) -> str:
        return url_for("pages.media", filename=name, v=self.fingerprints[name])

    def banners(self, locale: str) -> list[dict]:
        found = []
        for name in BANNER_NAMES:
            png = f"banners/{locale}/{name}.png"
            if png not in self.fingerprints:
                continue
            width, height = png_size(self.root / png)
            svg = f"banners/{locale}/{name}.svg"
            found.append({"name": name, "width": width, "height": height, "png": self.url(png),
                          "svg": self.url(svg) if svg in self.fingerprints else None})
        return found

    def preview(self, locale: str) -> str | None:
        """The link-preview image's path, for og:image."""
        name = f"banners/{locale}/preview.png"
        return self.url(name) if name in self.fingerprints else None
