// The layers of visit-kit, checked in `npm run test:lint` (`depcruise src server`):
//   src/api  src/media  src/i18n  src/styles     the ground: no Lit in api/media/i18n, api imports nothing else of ours
//   src/core                                      base element, contexts, events, helpers: never elements
//   src/elements/<element>/, src/elements/shared  one folder per element; shared view pieces in shared/
//   src/index.ts  src/define.ts  src/react/       the public entries
//   server/                                       the reference backend: never src/ (the contract crosses as JSON)
// Type-only imports count (tsPreCompilationDeps), and so do dynamic import()s.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular-src',
      severity: 'error',
      comment: 'No cycles in src/, type-only and dynamic imports included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-server',
      severity: 'error',
      comment: 'No cycles in the reference backend, type-only included.',
      from: { path: '^server/' },
      to: { circular: true },
    },
    {
      name: 'no-lit-below-elements',
      severity: 'error',
      comment: 'src/api, src/media and src/i18n are framework-free (usable from a portal, a Worker, Node).',
      from: { path: '^src/(api|media|i18n)/' },
      to: { path: '(^|/)node_modules/(lit|lit-html|lit-element|@lit/[^/]+)/' },
    },
    {
      name: 'api-imports-nothing-else-of-ours',
      severity: 'error',
      comment:
        'src/api is the floor: the typed client and the contract adapters, nothing of core, elements, i18n.',
      from: { path: '^src/api/' },
      to: { pathNot: ['^src/api/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'media-imports-nothing-else-of-ours',
      severity: 'error',
      comment:
        'src/media is framework-free and stands on its own (proved in a Worker by test/media/import.test.ts).',
      from: { path: '^src/media/' },
      to: { pathNot: ['^src/media/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'i18n-imports-nothing-else-of-ours',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { pathNot: ['^src/i18n/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'core-not-to-elements',
      severity: 'error',
      comment:
        'src/core is below the elements: events and helpers take their types from src/api, not from an element.',
      from: { path: '^src/core/' },
      to: { path: ['^src/elements/', '^src/react/', '^src/(index|define)\\.ts$'] },
    },
    {
      name: 'no-upward-to-entries',
      severity: 'error',
      comment: 'The public entries (index, define, react) sit on top; nothing below imports them.',
      from: { path: '^src/(api|media|i18n|styles|core|elements)/' },
      to: { path: ['^src/react/', '^src/(index|define)\\.ts$'] },
    },
    {
      name: 'no-media-in-booking-elements',
      severity: 'error',
      comment:
        'Booking, my visits, the provider and the session calendar never reach src/media or livekit-client, ' +
        'not by a type, not by a lazy import(), not through another module.',
      from: { path: '^src/elements/(booking|my-visits|provider|session-calendar)/' },
      to: { path: ['^src/media/', '(^|/)node_modules/livekit-client/'], reachable: true },
    },
    {
      name: 'media-through-one-door',
      severity: 'error',
      comment:
        'Only elements/shared/media-loader.ts imports src/media (the call, the waiting room, the console use it).',
      from: { path: '^src/', pathNot: ['^src/media/', '^src/elements/shared/media-loader\\.ts$'] },
      to: { path: '^src/media/' },
    },
    {
      name: 'media-door-is-lazy',
      severity: 'error',
      comment:
        'media-loader.ts reaches src/media by type-only imports and import() only: livekit-client loads on join.',
      from: { path: '^src/elements/shared/media-loader\\.ts$' },
      to: { path: '^src/media/', dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'livekit-only-in-media',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/media/' },
      to: { path: '(^|/)node_modules/livekit-client/' },
    },
    {
      name: 'no-element-internals-across-folders',
      severity: 'error',
      comment:
        'An element folder imports its own modules, elements/shared/ and, of another element, only the ' +
        'registration module (visit-*.ts) of a sub-element it shows.',
      from: { path: '^src/elements/([^/]+)/' },
      to: {
        path: '^src/elements/',
        pathNot: ['^src/elements/$1/', '^src/elements/shared/', '^src/elements/[^/]+/visit-[^/]+\\.ts$'],
      },
    },
    {
      name: 'other-elements-load-lazily',
      severity: 'error',
      comment:
        "Another element's registration is loaded with import() when it is needed (visit-call, the calendar). " +
        "booking-journey.ts is itself only loaded with import() (with the booking's later screens, after the " +
        'first screen has rendered) and brings the calendar in that same download.',
      from: { path: '^src/elements/([^/]+)/', pathNot: '^src/elements/booking/booking-journey\\.ts$' },
      to: {
        path: '^src/elements/[^/]+/visit-[^/]+\\.ts$',
        pathNot: '^src/elements/$1/',
        dependencyTypesNot: ['dynamic-import'],
      },
    },
    {
      name: 'booking-later-half-loads-lazily',
      severity: 'error',
      comment:
        "<visit-booking>'s first screens (sign-in, code) never import its later half (booking-steps.ts, " +
        'booking-journey*.ts) except with import() or for types: that half loads after the first screen renders.',
      from: { path: '^src/elements/booking/(?!booking-steps|booking-journey)[^/]+\\.ts$' },
      to: {
        path: '^src/elements/booking/booking-(steps|journey)',
        dependencyTypesNot: ['dynamic-import', 'type-only', 'type-import'],
      },
    },
    {
      name: 'shared-not-to-elements',
      severity: 'error',
      comment: 'elements/shared/ holds pieces for several elements and imports none of them.',
      from: { path: '^src/elements/shared/' },
      to: { path: '^src/elements/(?!shared/)' },
    },
    {
      name: 'server-not-to-src',
      severity: 'error',
      comment:
        'The reference backend shares only the contract (api/openapi.json → src/api/contract.d.ts) with src/.',
      from: { path: '^server/' },
      to: { path: '^src/' },
    },
    {
      name: 'src-not-to-server',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^server/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (otherwise the rules above would pass by not seeing it).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
