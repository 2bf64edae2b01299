// Parses callback XML safely: no DTDs or entities (XXE), every value kept as a string
// (MsgId is 64-bit), CDATA and plain text accepted alike.
import { XMLParser, XMLValidator } from "fast-xml-parser";

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  cdataPropName: false,
  isArray: () => false,
});

export type XmlFields = Record<string, unknown>;

/** Returns the fields of the root <xml> element, or null when the XML is malformed. */
export function parseCallbackXml(text: string): XmlFields | null {
  if (text.length === 0 || /<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  if (XMLValidator.validate(text) !== true) return null;
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    return null;
  }
  const root = (doc as Record<string, unknown> | null)?.["xml"];
  return root !== null && typeof root === "object" ? (root as XmlFields) : null;
}

export function field(fields: XmlFields, name: string): string | undefined {
  const v = fields[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
