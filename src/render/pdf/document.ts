// An A4 pdfkit document with the CJK font registered, collected into a Buffer.
// Infrastructure only: nothing here knows what a quote is.
import PDFDocument from "pdfkit";
import { cjkFont } from "./fonts.ts";

export type Pdf = PDFKit.PDFDocument;

/** Font names registered on every document made here. */
export const FONT = { regular: "cjk", bold: "cjk-bold" } as const;

export interface PdfOptions {
  title: string;
  author?: string;
  margins?: { top: number; bottom: number; left: number; right: number };
}

export interface OpenPdf {
  doc: Pdf;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

/**
 * A new A4 document, pages buffered (so page numbers can be stamped at the end), with the CJK
 * font in both weights registered and selected. Throws FontFileError when the font is missing.
 */
export function openPdf(options: PdfOptions): OpenPdf {
  // Load the fonts before anything is drawn: a missing font fails here, not half-way through.
  const regular = cjkFont("regular");
  const bold = cjkFont("bold");
  const doc = new PDFDocument({
    size: "A4",
    margins: options.margins ?? { top: 40, bottom: 48, left: 40, right: 40 },
    bufferPages: true,
    info: { Title: options.title, ...(options.author ? { Author: options.author } : {}) },
  });
  doc.registerFont(FONT.regular, regular);
  doc.registerFont(FONT.bold, bold);
  doc.font(FONT.regular);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}

/** The y below which content must not go on the current page. */
export function contentBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit on the current one; returns the y to draw at. */
export function ensureSpace(doc: Pdf, y: number, height: number): number {
  if (y + height <= contentBottom(doc)) return y;
  doc.addPage();
  return doc.page.margins.top;
}

/**
 * Writes a footer on every buffered page; `text(page, count)` gives its text (pages from 1).
 * Drawn inside the bottom margin, which pdfkit would otherwise treat as "page full" and answer
 * with a new page: the margin is lifted while the footer is written.
 */
export function stampFooters(
  doc: Pdf,
  text: (page: number, count: number) => { left?: string; center?: string; right?: string },
  options: { fontSize?: number; color?: string } = {},
): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const { left, center, right } = text(i + 1, range.count);
    const bottomMargin = doc.page.margins.bottom;
    const x = doc.page.margins.left;
    const width = doc.page.width - x - doc.page.margins.right;
    const y = doc.page.height - bottomMargin + 16;
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(options.fontSize ?? 8).fillColor(options.color ?? "#666666");
    const line = { width, lineBreak: false } as const;
    if (left) doc.text(left, x, y, { ...line, align: "left" });
    if (center) doc.text(center, x, y, { ...line, align: "center" });
    if (right) doc.text(right, x, y, { ...line, align: "right" });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.fillColor("black");
}
