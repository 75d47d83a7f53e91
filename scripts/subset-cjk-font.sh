#!/usr/bin/env bash
# Rebuild assets/fonts/NotoSansCJKsc-Subset.otf: Noto Sans CJK SC (Debian's
# fonts-noto-cjk, OFL) cut to the common Chinese and Japanese repertoire so the
# report writer can bundle it (~5.5 MB instead of the 19.5 MB collection):
#   * GB 2312 (every character of the simplified-Chinese national standard)
#   * JIS X 0208 (kanji, kana and symbols of the Japanese standard)
#   * hiragana, katakana (incl. phonetic extensions and half-width forms),
#     CJK symbols and punctuation, full-width ASCII.
# Requirements: fonts-noto-cjk (apt), fonttools (pip install fonttools).
# Usage: scripts/subset-cjk-font.sh [path/to/NotoSansCJK-Regular.ttc]
set -euo pipefail
cd "$(dirname "$0")/.."
SRC="${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
OUT=assets/fonts/NotoSansCJKsc-Subset.otf
UNICODES="$(mktemp)"
trap 'rm -f "$UNICODES"' EXIT

# Index of "Noto Sans CJK SC" inside the collection (order differs between releases).
INDEX="$(python3 - "$SRC" <<'PY'
import sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1]).fonts):
    if f["name"].getDebugName(1) == "Noto Sans CJK SC":
        print(i); break
else:
    sys.exit("Noto Sans CJK SC not found in " + sys.argv[1])
PY
)"

python3 - > "$UNICODES" <<'PY'
cps = set()
# Two-byte rows of GB 2312 (EUC-CN) and JIS X 0208 (EUC-JP): lead and trail 0xA1-0xFE.
for codec in ("gb2312", "euc_jp"):
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                s = bytes([hi, lo]).decode(codec)
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in s)
ranges = [(0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF),
          (0xFF00, 0xFFEF), (0x0020, 0x007E)]
for a, b in ranges:
    cps.update(range(a, b + 1))
print(",".join("U+%04X" % c for c in sorted(cps)))
PY

pyftsubset "$SRC" --font-number="$INDEX" --unicodes-file="$UNICODES" \
  --layout-features='*' --name-IDs='*' --name-legacy --name-languages='*' \
  --notdef-outline --output-file="$OUT"
ls -l "$OUT"
