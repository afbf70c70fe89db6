/**
 * Whether an IČO (identifikační číslo osoby, the Czech company number) is valid: eight digits, the
 * last a check digit of the first seven weighted 8, 7, …, 2 modulo 11 (remainder 0 → 1, 1 → 0,
 * otherwise 11 − remainder). "25755277" is valid; "25755278" is not.
 */
export function isValidIco(ico: string): boolean {
  if (!/^\d{8}$/.test(ico)) return false;
  const sum = [...ico.slice(0, 7)].reduce((acc, digit, i) => acc + Number(digit) * (8 - i), 0);
  const check = (11 - (sum % 11)) % 10;
  return check === Number(ico[7]);
}
