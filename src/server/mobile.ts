/**
 * A phone number reduced to one spelling, so that WeCom's `+86 138-0013-8000` and NocoBase's `13800138000`
 * compare equal. Mainland numbers lose their country code; others keep `+` and their digits.
 * Returns null for something that is not a phone number.
 */
export function normaliseMobile(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const compact = raw.trim().replace(/[\s\-().]/g, '');
  if (!/^(\+|00)?\d{5,20}$/.test(compact)) return null;
  const international = compact.startsWith('+') || compact.startsWith('00');
  const digits = compact.replace(/^(\+|00)/, '');
  // With a + or 00 the country code is required, so +1 415… is not read as a mainland 1xx number.
  const mainland = (international ? /^86(1\d{10})$/ : /^(?:86)?(1\d{10})$/).exec(digits);
  if (mainland?.[1]) return mainland[1];
  return international ? `+${digits}` : digits;
}

/** The last digits every spelling of a number shares, to narrow a database search before comparing exactly. */
export function mobileSearchTail(normalised: string): string {
  return normalised.slice(-4);
}
