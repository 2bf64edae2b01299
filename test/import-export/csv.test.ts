import { describe, expect, it } from "vitest";
import { decodeCsvBytes, defuseFormula, parseCsv, toCsv } from "../../src/crm/import-export/csv.ts";

describe("parseCsv", () => {
  it("reads quotes, escaped quotes, line breaks in cells, CRLF, blank lines, with each record's line", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",z\r\n\r\n"two\nlines",2,3\nlast,,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["x, y", 'say "hi"', "z"] },
      { line: 4, cells: ["two\nlines", "2", "3"] },
      { line: 6, cells: ["last", "", ""] },
    ]);
  });

  it("takes tabs as the delimiter when the header has tabs and no commas (Excel's Unicode text)", () => {
    expect(parseCsv("姓名\t手机\n张三\t13800138000").map((r) => r.cells)).toEqual([["姓名", "手机"], ["张三", "13800138000"]]);
  });
});

describe("decodeCsvBytes", () => {
  it("strips a UTF-8 BOM, reads plain UTF-8, and falls back to GB18030 for GBK bytes", () => {
    const bom = decodeCsvBytes(Buffer.from("\uFEFF姓名", "utf8"));
    expect([bom.text, bom.encoding, bom.hadBom]).toEqual(["姓名", "utf-8", true]);
    expect(decodeCsvBytes(Buffer.from("姓名", "utf8")).encoding).toBe("utf-8");
    const gbk = decodeCsvBytes(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb])); // 姓名 in GBK
    expect([gbk.text, gbk.encoding]).toEqual(["姓名", "gb18030"]);
    const utf16 = decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("姓名", "utf16le")]));
    expect([utf16.text, utf16.encoding]).toEqual(["姓名", "utf-16le"]);
  });
});

describe("toCsv", () => {
  it("writes a BOM, CRLF, quotes where needed, and defuses formulas in text cells only", () => {
    const out = toCsv(["名称", "金额"], [["=1+1", -5], ['a "b", c', null], ["@SUM(A1)", "+86"]]);
    expect(out).toBe('\uFEFF名称,金额\r\n\'=1+1,-5\r\n"a ""b"", c",\r\n\'@SUM(A1),\'+86\r\n');
    expect(parseCsv(out.slice(1)).map((r) => r.cells)).toEqual([["名称", "金额"], ["'=1+1", "-5"], ['a "b", c', ""], ["'@SUM(A1)", "'+86"]]);
  });

  it("leaves ordinary text alone", () => {
    expect(defuseFormula("华为 - 深圳")).toBe("华为 - 深圳");
    expect(defuseFormula("-12")).toBe("'-12");
  });
});
