// PostgreSQL cannot store U+0000 in text or jsonb ("unsupported Unicode escape sequence").
// Inbound payloads lose their NULs before they are stored (docs/decisions.md): a NUL
// carries no meaning in a chat message, and dropping it keeps the rest of the text.

/** A copy of `value` with U+0000 removed from every string in it (keys included). */
export function stripNul<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [strip(k) as string, strip(v)]));
  }
  return value;
}
