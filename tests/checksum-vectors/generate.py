#!/usr/bin/env python3
"""Writes checksum-vectors.json: FNV-1a 32-bit over the UTF-16LE bytes of each text.

An independent implementation of docs/protocol.md's checksum, for the .NET and TypeScript tests to
check theirs against. Run: python3 tests/checksum-vectors/generate.py
"""
import json
import os

FNV_OFFSET = 2166136261
FNV_PRIME = 16777619


def fnv1a32(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


TEXTS = [
    "",
    "a",
    "ab",
    "hello world",
    "Hello, World!\n",
    "é中—",
    "\"quoted\" \\ backslash\ttab",
    "😀",
    "a😀b🎉c𝄞",
    "line 1\nline 2\r\nline 3",
    "The quick brown fox jumps over the lazy dog",
    "ÿĀ",
    "x" * 1000,
]

vectors = [{"text": t, "checksum": fnv1a32(t.encode("utf-16-le"))} for t in TEXTS]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checksum-vectors.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({
        "algorithm": "FNV-1a 32-bit over the UTF-16LE bytes of the text; unsigned 32-bit number",
        "vectors": vectors,
    }, f, ensure_ascii=False, indent=2)
    f.write("\n")
