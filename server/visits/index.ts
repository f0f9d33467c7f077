// Visits, by domain: DTOs, access, allowance, availability, holds, bookings, changes. Importers above the
// visits take what they need from here; the modules inside import each other directly (never this file).
export * from './access.js';
export * from './allowance.js';
export * from './availability.js';
export * from './bookings.js';
export * from './changes.js';
export * from './dto.js';
export * from './holds.js';
