// A plain ruled table for pdfkit: cells wrap (Chinese breaks between characters), a row that
// does not fit on the page moves to the next one, and the header row is repeated there.
import { FONT, contentBottom, type Pdf } from "./document.ts";

export interface TableColumn {
  header: string;
  /** Points; the columns' widths add up to the table's width. */
  width: number;
  align?: "left" | "center" | "right";
}

export interface TableStyle {
  fontSize: number;
  padding: number;
  headerFill: string;
  ruleColor: string;
}

const DEFAULT_STYLE: TableStyle = {
  fontSize: 9,
  padding: 4,
  headerFill: "#eef1f5",
  ruleColor: "#c8ced6",
};

/**
 * Draws `rows` (one string per column) from (x, y) on; returns the y below the table.
 * A row taller than a whole page is cut with an ellipsis rather than overflowing the page.
 */
export function drawTable(
  doc: Pdf,
  x: number,
  y: number,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  styleOverrides: Partial<TableStyle> = {},
): number {
  const style = { ...DEFAULT_STYLE, ...styleOverrides };
  const tableWidth = columns.reduce((sum, c) => sum + c.width, 0);

  const rowHeight = (cells: readonly string[], font: string): number => {
    doc.font(font).fontSize(style.fontSize);
    let tallest = doc.currentLineHeight(true);
    columns.forEach((col, i) => {
      const h = doc.heightOfString(cells[i] ?? "", { width: col.width - 2 * style.padding });
      tallest = Math.max(tallest, h);
    });
    return tallest + 2 * style.padding;
  };

  const drawRow = (cells: readonly string[], top: number, height: number, header: boolean) => {
    if (header) doc.rect(x, top, tableWidth, height).fill(style.headerFill);
    doc.font(header ? FONT.bold : FONT.regular).fontSize(style.fontSize).fillColor("black");
    let left = x;
    columns.forEach((col, i) => {
      doc.text(cells[i] ?? "", left + style.padding, top + style.padding, {
        width: col.width - 2 * style.padding,
        height: height - 2 * style.padding,
        align: header ? "center" : (col.align ?? "left"),
        ellipsis: true,
      });
      left += col.width;
    });
    doc.lineWidth(0.5).strokeColor(style.ruleColor);
    doc.moveTo(x, top + height).lineTo(x + tableWidth, top + height).stroke();
  };

  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, FONT.bold);
  const startHeader = (top: number): number => {
    doc.lineWidth(0.5).strokeColor(style.ruleColor);
    doc.moveTo(x, top).lineTo(x + tableWidth, top).stroke();
    drawRow(headers, top, headerHeight, true);
    return top + headerHeight;
  };

  const pageRoom = (): number => contentBottom(doc) - doc.page.margins.top - headerHeight;
  const heights = rows.map((cells) => Math.min(rowHeight(cells, FONT.regular), pageRoom()));
  // Never leave a header alone at the foot of a page.
  if (y + headerHeight + (heights[0] ?? 0) > contentBottom(doc)) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  let cursor = startHeader(y);
  for (const [i, cells] of rows.entries()) {
    const height = heights[i] ?? 0;
    if (cursor + height > contentBottom(doc)) {
      doc.addPage();
      cursor = startHeader(doc.page.margins.top);
    }
    drawRow(cells, cursor, height, false);
    cursor += height;
  }
  doc.font(FONT.regular);
  return cursor;
}
