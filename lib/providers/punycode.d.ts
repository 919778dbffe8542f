// The `punycode` package ships no types; only what SIM Keeper uses is declared.
declare module 'punycode/punycode.es6.js' {
  /** `xn--gffgaff-3ve.com` → `gіffgaff.com`; plain ASCII labels are left as they are. */
  export function toUnicode(domain: string): string;
}
