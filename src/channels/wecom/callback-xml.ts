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

const OPEN = "<Encrypt>";
const CLOSE = "</Encrypt>";
const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";

/**
 * The <Encrypt> value of a callback envelope, found WITHOUT parsing the XML: the receivers
 * check the signature on it before anything else reads the body, so an unsigned request
 * costs two indexOf scans and one base64 check, never an XML parse. The first <Encrypt>
 * wins; the signature covers exactly that value, so a crafted envelope gains nothing.
 */
export function envelopeEncrypt(body: string): string | undefined {
  const open = body.indexOf(OPEN);
  if (open < 0) return undefined;
  const start = open + OPEN.length;
  const end = body.indexOf(CLOSE, start);
  if (end < 0) return undefined;
  let value = body.slice(start, end).trim();
  if (value.startsWith(CDATA_OPEN) && value.endsWith(CDATA_CLOSE)) value = value.slice(CDATA_OPEN.length, -CDATA_CLOSE.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? value : undefined;
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
