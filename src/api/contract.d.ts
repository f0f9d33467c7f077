// Placeholder until `npm run contract` generates this file from the reference backend.
export type paths = Record<string, never>;
export type components = { schemas: Record<string, never> };
