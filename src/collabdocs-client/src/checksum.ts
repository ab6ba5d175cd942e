/**
 * The checksum the server sends with every acknowledgement and broadcast (docs/protocol.md,
 * "Checksums"): FNV-1a, 32 bits, over the UTF-16LE bytes of the text, as an unsigned number.
 * Same as `TextChecksum` in src/CollabDocs.Ot; vectors in tests/checksum-vectors.
 */
export function textChecksum(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), 16777619) >>> 0;
    h = Math.imul(h ^ (c >>> 8), 16777619) >>> 0;
  }
  return h;
}
