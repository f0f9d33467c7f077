// custom-elements.json is generated from the elements' JSDoc (attributes, properties, events, slots, parts,
// CSS properties) and checked for drift in npm test. Docs and React wrappers are generated from it.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
