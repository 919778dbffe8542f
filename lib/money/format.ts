// Building an Intl.NumberFormat costs far more than using one: keep one per language and currency.
const formatters = new Map<string, Intl.NumberFormat | null>();

/**
 * An amount as the user reads money, with its currency ("$3.04", "US$3.04", "¥21.00").
 * A code Intl cannot format still shows, as "XYZ 3.04".
 */
export function formatMoney(amount: number, currency: string, language: string): string {
  const key = `${language}|${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(language, { style: 'currency', currency });
    } catch {
      formatter = null;
    }
    formatters.set(key, formatter);
  }
  return formatter ? formatter.format(amount) : `${currency} ${amount.toFixed(2)}`;
}
