// Every route of the contract: OpenAPI definitions (the contract is generated from them) and thin handlers,
// one module per tag. Registered in this order, which is the order of api/openapi.json.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, AppEnv } from '../context.js';
import { registerAuthRoutes } from './auth.js';
import { registerCallRoutes } from './calls.js';
import { registerDataProtectionRoutes } from './data-protection.js';
import { registerFamilyRoutes } from './family.js';
import { registerPrisonEventRoutes } from './prison-events.js';
import { registerOnBehalfRoutes } from './on-behalf.js';
import { registerPasskeyRoutes } from './passkeys.js';
import { registerQualityRoutes } from './quality.js';
import type { SseRegistry } from './sse.js';
import { registerStaffRoutes } from './staff.js';
import { registerSubjectRightsRoutes } from './subject-rights.js';

export { send, sendCachedJson, sendJsonText, type JsonAnswer } from './common.js';
export { sseRegistry, type SseRegistry } from './sse.js';

export function registerRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext, sse: SseRegistry) {
  registerAuthRoutes(app, ctx, sse);
  registerPasskeyRoutes(app, ctx);
  registerFamilyRoutes(app, ctx, sse);
  registerCallRoutes(app, ctx, sse);
  registerQualityRoutes(app, ctx);
  registerStaffRoutes(app, ctx, sse);
  registerPrisonEventRoutes(app, ctx);
  registerOnBehalfRoutes(app, ctx);
  registerDataProtectionRoutes(app, ctx);
  registerSubjectRightsRoutes(app, ctx);
}
