// CSV in and out, the way Chinese offices produce and open it: Excel writes UTF-8 with a
// BOM, older Excel GBK (read here as GB18030, its superset) or UTF-16 "Unicode text" with
// tabs; Excel opens UTF-8 correctly only with a BOM. Cells that a spreadsheet would run
// as a formula are defused on the way out.

export type CsvEncoding = "utf-8" | "gb18030" | "utf-16le";

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  hadBom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Bytes → text: a UTF-8 or UTF-16LE BOM decides; without one, strict UTF-8, else GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8", hadBom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le", hadBom: true };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", hadBom: false };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030", hadBom: false };
  }
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

/** The delimiter of the header line: a tab when it has tabs and no commas, else a comma. */
export function sniffDelimiter(text: string): "," | "\t" {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return first.includes("\t") && !first.includes(",") ? "\t" : ",";
}

/** RFC 4180 records: quoted cells with "" escapes and line breaks; blank lines skipped. */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== "") records.push({ line: start, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}

export type CsvValue = string | number | null | undefined;

/** A cell a spreadsheet would evaluate (=, +, -, @, or a leading tab/CR) gets a quote mark. */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "number" ? String(value) : defuseFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A CSV file for Excel: UTF-8 BOM, CRLF line ends, every text cell formula-safe. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
