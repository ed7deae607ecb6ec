/** A cell starting with = + - @ (or a control character) would run as a formula in a spreadsheet; quote it as text. */
export function formulaSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
