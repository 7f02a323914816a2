/**
 * The package's main. `npm run build` replaces its compiled form by a bundle of the library
 * (scripts/build-library.js), which loads several times faster than the ~40 modules it stands for; a plain
 * `tsc` build writes it back as this re-export, so the package never runs code older than the build.
 */
export * from './index';
