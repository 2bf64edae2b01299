/** Normalises a mainland mobile number: strips spaces, dashes, brackets and +86/0086. */
export function normalizeMobile(input: string): string {
  const digits = input.replace(/[\s\-()（）]/g, "").replace(/^(\+86|0086)/, "");
  return digits.length === 13 && digits.startsWith("86") ? digits.slice(2) : digits;
}

export function isMainlandMobile(normalized: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalized);
}
