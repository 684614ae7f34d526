# Draws the source of Sigilo's app icon (1024x1024 PNG); then `npx @tauri-apps/cli@2 icon <png>` makes the sizes here.
import math, struct, zlib, sys
N = 1024
SS = 3  # supersampling per axis
def inside_rrect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r); cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and x0 <= x <= x1 and y0 <= y <= y1
BG_TOP = (31, 64, 72); BG_BOT = (20, 42, 50)
SEAL = (196, 72, 56); SEAL_DARK = (160, 52, 42); CREAM = (250, 243, 230)
def shade(x, y):
    # returns (r,g,b,a) for a sample point in 0..1024 coords
    if not inside_rrect(x, y, 64, 64, 960, 960, 200):
        return (0, 0, 0, 0)
    t = (y - 64) / 896
    bg = tuple(BG_TOP[i] * (1 - t) + BG_BOT[i] * t for i in range(3))
    cx, cy = 512, 512
    d = math.hypot(x - cx, y - cy)
    # scalloped seal edge
    ang = math.atan2(y - cy, x - cx)
    edge = 330 + 14 * math.cos(ang * 16)
    if d <= edge:
        col = SEAL if d < 280 else SEAL_DARK
        if 262 <= d <= 276:
            col = CREAM
        # keyhole: circle + trapezoid
        if math.hypot(x - cx, y - 450) <= 78:
            col = CREAM
        elif 450 <= y <= 650:
            half = 38 + (y - 450) * 0.18
            if abs(x - cx) <= half:
                col = CREAM
        return (*col, 255)
    return (*bg, 255)
rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        acc = [0.0, 0.0, 0.0, 0.0]
        for sy in range(SS):
            for sx in range(SS):
                r, g, b, a = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a
        n = SS * SS
        a = acc[3] / n
        if a > 0:
            row += bytes((round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(a)))
        else:
            row += b"\0\0\0\0"
    rows.append(bytes(row))
raw = b"".join(rows)
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
