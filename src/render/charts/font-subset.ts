// The CJK font cut down to the characters of one picture, with HarfBuzz's hb-subset (WebAssembly,
// shipped in the harfbuzzjs npm package, no imports, instantiated synchronously).
// Why: resvg reads and parses its font file for every run of text it draws; with the full
// 10.5 MB Noto Sans SC that was ~95 % of a picture's time (scripts/bench/charts.ts). A subset of
// the few dozen characters a chart uses is a few KB: the font is loaded into WebAssembly memory
// once per process, and each picture costs one subset of a millisecond or two.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { FontFileError } from "../pdf/fonts.ts";

interface HbSubsetExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const require = createRequire(import.meta.url);

/** A font kept in hb-subset's memory, cut per picture. */
export class FontSubsetter {
  private readonly hb: HbSubsetExports;
  private readonly face: number;

  constructor(font: Buffer) {
    const wasm = readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm"));
    this.hb = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports as unknown as HbSubsetExports;
    const ptr = this.hb.malloc(font.length);
    if (ptr === 0) throw new FontFileError(`hb-subset could not allocate ${font.length} bytes for the font`);
    new Uint8Array(this.hb.memory.buffer).set(font, ptr);
    // The font's bytes stay in WebAssembly memory for the process: the face reads them lazily.
    const blob = this.hb.hb_blob_create(ptr, font.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
    this.face = this.hb.hb_face_create(blob, 0);
    this.hb.hb_blob_destroy(blob);
  }

  /** A TrueType font holding the glyphs of these characters (plus the ASCII printables). */
  subset(text: string): Buffer {
    const hb = this.hb;
    const input = hb.hb_subset_input_create_or_fail();
    if (input === 0) throw new FontFileError("hb-subset could not create a subset input");
    try {
      const unicodes = hb.hb_subset_input_unicode_set(input);
      for (let c = 0x20; c < 0x7f; c++) hb.hb_set_add(unicodes, c);
      for (const ch of new Set(text)) hb.hb_set_add(unicodes, ch.codePointAt(0)!);
      const sub = hb.hb_subset_or_fail(this.face, input);
      if (sub === 0) throw new FontFileError("hb-subset failed to cut the chart font");
      const blob = hb.hb_face_reference_blob(sub);
      try {
        const offset = hb.hb_blob_get_data(blob, 0);
        const length = hb.hb_blob_get_length(blob);
        if (length === 0) throw new FontFileError("hb-subset produced an empty font");
        return Buffer.from(new Uint8Array(hb.memory.buffer, offset, length));
      } finally {
        hb.hb_blob_destroy(blob);
        hb.hb_face_destroy(sub);
      }
    } finally {
      hb.hb_subset_input_destroy(input);
    }
  }
}
