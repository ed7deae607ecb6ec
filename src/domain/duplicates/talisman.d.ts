// talisman 1 ships CommonJS without types; only the two metrics used here are declared.
declare module 'talisman/metrics/jaro-winkler.js' {
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}

declare module 'talisman/metrics/damerau-levenshtein.js' {
  const damerauLevenshtein: (a: string, b: string) => number;
  export default damerauLevenshtein;
}
