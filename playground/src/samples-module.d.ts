/** The text of every file under samples/, by path relative to samples/ (written by scripts/build-playground.js). */
declare module 'virtual:lens-samples' {
  const samples: Readonly<Record<string, string>>;
  export default samples;
}
