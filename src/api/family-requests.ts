// Asking the prison to link the family to a person, or to add someone who will visit: the family's requests the
// prison approves. Their own module (re-exported by family.ts), so the booking journey loads them only with the
// screens that send them.
import { responseBody, type VisitClient } from './client.js';
import type { components } from './contract.js';

export type LinkRequest = components['schemas']['LinkCreate'];
export type VisitorRequest = components['schemas']['LinkVisitorCreate'];

export async function requestLink(
  client: VisitClient,
  body: LinkRequest,
  signal?: AbortSignal,
): Promise<{ id: string; status: 'requested' }> {
  const { data } = await client.api.POST('/links', { body, signal });
  return responseBody(data);
}

/** Asks to add a visitor to a link; the prison approves them before they can come on a visit. */
export async function requestVisitor(
  client: VisitClient,
  linkId: string,
  body: VisitorRequest,
  signal?: AbortSignal,
): Promise<{ id: string; status: 'requested' }> {
  const { data } = await client.api.POST('/links/{linkId}/visitors', {
    params: { path: { linkId } },
    body,
    signal,
  });
  return responseBody(data);
}
