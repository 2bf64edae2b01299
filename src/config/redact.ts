// Start-up errors may quote a connection string (a driver's message, a URL parser's): the
// password in DATABASE_URL must never reach the terminal or the logs.

/** `text` with the password of `url` (as written and percent-decoded) replaced by ***. */
export function redactUrlPassword(text: string, url: string | undefined): string {
  if (!url) return text;
  let password = "";
  try {
    password = new URL(url).password;
  } catch {
    const m = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/i.exec(url);
    password = m?.[1] ?? "";
  }
  if (password === "") return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep it as written
  }
  return [password, decoded].reduce((t, p) => t.replaceAll(p, "***"), text);
}
