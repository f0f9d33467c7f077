// Staff acting for a family (phone bookings) and visit allowance adjustments: the contract's routes, typed
// through `client.api` like the rest of `StaffApi` (auth, Idempotency-Keys, retries and problems alike).
import { responseBody, type VisitClient } from './client.js';
import type { components } from './contract.js';

type Schemas = components['schemas'];

export type StaffFamily = Schemas['StaffFamily'];
export type StaffFamilyLink = Schemas['StaffFamilyLink'];
export type AllowanceHistory = Schemas['AllowanceHistory'];
export type AllowanceAdjustment = Schemas['AllowanceAdjustment'];
export type AllowanceAdjustmentInput = Schemas['AllowanceAdjustmentCreate'];
export type AdjustmentReason = AllowanceAdjustment['reason'];
type Visit = Schemas['Visit'];
type Hold = Schemas['Hold'];

/** The reasons the console offers, in order; `satisfies` keeps the list complete and exact. */
export const ADJUSTMENT_REASONS = [
  'governor-adjustment',
  'transfer-from-previous-prison',
  'corrective-action',
  'exchange-for-phone-credit',
  'other',
] as const satisfies readonly AdjustmentReason[];

/** The phone-booking and allowance routes, bound to one client. */
export class OnBehalfApi {
  constructor(readonly client: VisitClient) {}

  /** Families linked to people in the staff's prison, by exact email or by prison number. */
  async findFamilies(query: { email: string } | { prisonNumber: string }, signal?: AbortSignal) {
    const { data } = await this.client.api.GET('/staff/families', { params: { query }, signal });
    return responseBody(data) as StaffFamily[];
  }

  async familyVisits(userId: string, signal?: AbortSignal): Promise<Visit[]> {
    const { data } = await this.client.api.GET('/staff/families/{userId}/visits', {
      params: { path: { userId } },
      signal,
    });
    return responseBody(data);
  }

  async hold(userId: string, prisonerId: string, slotId: string): Promise<Hold> {
    const { data } = await this.client.api.POST('/staff/families/{userId}/holds', {
      params: { path: { userId } },
      body: { prisonerId, slotId },
    });
    return responseBody(data);
  }

  async releaseHold(userId: string, holdId: string): Promise<void> {
    await this.client.api.DELETE('/staff/families/{userId}/holds/{holdId}', {
      params: { path: { userId, holdId } },
    });
  }

  async book(userId: string, holdId: string, visitorIds: string[]): Promise<Visit> {
    const { data } = await this.client.api.POST('/staff/families/{userId}/bookings', {
      params: { path: { userId } },
      body: { holdId, visitorIds, contact: {} },
    });
    return responseBody(data);
  }

  async change(userId: string, visitId: string, holdId: string): Promise<Visit> {
    const { data } = await this.client.api.POST('/staff/families/{userId}/visits/{visitId}/change', {
      params: { path: { userId, visitId } },
      body: { holdId },
    });
    return responseBody(data);
  }

  async cancel(userId: string, visitId: string): Promise<Visit> {
    const { data } = await this.client.api.POST('/staff/families/{userId}/visits/{visitId}/cancel', {
      params: { path: { userId, visitId } },
      body: { reason: 'booker-cancelled' },
    });
    return responseBody(data);
  }

  async allowance(prisonerId: string, signal?: AbortSignal): Promise<AllowanceHistory> {
    const { data } = await this.client.api.GET('/staff/prisoners/{prisonerId}/allowance', {
      params: { path: { prisonerId } },
      signal,
    });
    return responseBody(data);
  }

  async adjustAllowance(prisonerId: string, input: AllowanceAdjustmentInput): Promise<AllowanceHistory> {
    const { data } = await this.client.api.POST('/staff/prisoners/{prisonerId}/allowance/adjustments', {
      params: { path: { prisonerId } },
      body: input,
    });
    return responseBody(data);
  }
}
