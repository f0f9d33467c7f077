// Side-effect entry: registers every visit-kit element (safe to load twice).
export {};
