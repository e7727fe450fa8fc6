#!/usr/bin/env python3
"""Writes the pathological inputs of BENCHMARKS.md ("Pathological input")
into a folder: legal but unusual texts at 1x, 2x and 4x size.

  a: one sentence listing project names joined by 、 (1750 names at 1x)
  b: figures in one sentence (3500 at 1x)
  c: slogan sentences on one line, a whole report without a break (2500 at 1x)
  d: headings, one per line (22500 at 1x)

Usage: scripts/pathological.py OUT_DIR, then for each file
`/usr/bin/time -f '%e s %M KB' ptkg extract FILE > /dev/null`.
"""
import random
import sys
from pathlib import Path

HAN = "山水河湖城乡新旧东西南北中高低云雾林石田园桥港湾岭峰溪泉"
NUMBERS = "一二三四五六七八九十"


def name(rng, n):
    return "".join(rng.choice(HAN) for _ in range(n))


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    for k in (1, 2, 4):
        parks = "、".join(name(rng, 4) + "产业园" for _ in range(1750 * k))
        (out / f"a{k}.txt").write_text(f"今年要加快建设{parks}等项目。\n")
        figures = ",".join(
            f"{name(rng, 2)}增长{rng.randint(1, 99)}%" for _ in range(3500 * k)
        )
        (out / f"b{k}.txt").write_text(f"全年{figures}。\n")
        slogans = "".join(
            f"坚持“{name(rng, 2)}{name(rng, 2)}”,推动“{rng.choice('一二三四五六')}个{name(rng, 2)}”落实,实现高质量发展。"
            for _ in range(2500 * k)
        )
        (out / f"c{k}.txt").write_text(slogans + "\n")
        heads = "".join(
            f"{NUMBERS[i % 10]}、{name(rng, 6)}工作\n" for i in range(22500 * k)
        )
        (out / f"d{k}.txt").write_text(heads)


if __name__ == "__main__":
    main()
