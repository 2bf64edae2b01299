// The CJK font every generated PDF embeds (as a subset), loaded from an npm package.
// There are no system fonts on a fresh machine or in the Docker image, and pdfkit's built-in
// Helvetica prints Chinese as mojibake without any error: so a missing font must throw here,
// loudly, and never fall back to a standard font.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Noto Sans SC (OFL-1.1) as plain TrueType files, shipped by `@expo-google-fonts/noto-sans-sc`.
 * Module specifiers, resolved against node_modules: switching packages is a change here only.
 */
export const CJK_FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;

export type CjkWeight = keyof typeof CJK_FONT_FILES;

export class FontFileError extends Error {
  override readonly name = "FontFileError";
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Buffer>();

// sfnt versions: TrueType 0x00010000, 'true' (Apple), 'OTTO' (CFF outlines).
const FONT_SIGNATURES = ["00010000", "74727565", "4f54544f"];

function resolveFontPath(specifier: string): string {
  try {
    return require.resolve(specifier);
  } catch (err) {
    throw new FontFileError(
      `Font file not found: ${specifier}. PDFs with Chinese text need it embedded; ` +
        `run \`npm install\` (the package is a dependency) — no fallback font is used.`,
      { cause: err },
    );
  }
}

/**
 * The bytes of a font file named by its module specifier, read once per process and cached.
 * Throws FontFileError when the file is missing, unreadable or not a TrueType/OpenType font.
 */
export function loadFontFile(specifier: string): Buffer {
  const cached = cache.get(specifier);
  if (cached) return cached;
  const path = resolveFontPath(specifier);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new FontFileError(`Font file unreadable: ${path}`, { cause: err });
  }
  const signature = bytes.subarray(0, 4).toString("hex");
  if (bytes.length < 1024 || !FONT_SIGNATURES.includes(signature)) {
    throw new FontFileError(
      `Not a TrueType/OpenType font (${bytes.length} bytes, signature ${signature}): ${path}`,
    );
  }
  cache.set(specifier, bytes);
  return bytes;
}

/** The CJK font of one weight (cached after the first call). */
export function cjkFont(weight: CjkWeight): Buffer {
  return loadFontFile(CJK_FONT_FILES[weight]);
}
