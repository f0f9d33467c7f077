// The main entry: classes, types and helpers. Importing it registers no element (see ./define).
export const VERSION = '0.1.0';
