/**
 * The CLI process: bin/iot-policy-lens.js loads this file. `npm run build` replaces its compiled form by a
 * bundle of it (scripts/build-cli.js), which starts several times faster than loading each compiled module
 * on its own; a plain `tsc` build writes it back unbundled, so the bin never runs code older than the build.
 */
import { main } from './main';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
