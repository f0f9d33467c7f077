// The family's sign-in (docs/contract-outline.md): the emailed code or link, signing out, who is signed in. Part
// of the family's side of the contract (family.ts re-exports it); apart so that <visit-booking>'s sign-in screen
// loads only these calls, not the rest of the journey's.
import { responseBody, type VisitClient } from './client.js';
import type { components } from './contract.js';

export type SignedIn = components['schemas']['Session'];

export async function requestCode(client: VisitClient, email: string, signal?: AbortSignal): Promise<void> {
  await client.api.POST('/auth/code', { body: { email }, signal });
}

export async function verifyCode(
  client: VisitClient,
  email: string,
  code: string,
  signal?: AbortSignal,
): Promise<SignedIn> {
  const { data } = await client.api.POST('/auth/verify', { body: { email, code }, signal });
  return responseBody(data);
}

/** Exchanges the token of the emailed sign-in link for a session (and keeps it on the client). */
export async function signInWithLink(
  client: VisitClient,
  token: string,
  signal?: AbortSignal,
): Promise<SignedIn> {
  const { data } = await client.api.POST('/auth/link', { body: { token }, signal });
  const signedIn = responseBody(data);
  client.session = signedIn;
  return signedIn;
}

/** The token of an emailed sign-in link in a URL fragment (`#visit-kit-sign-in=<token>`), if there is one. */
export function signInLinkToken(hash: string): string | undefined {
  return /^#visit-kit-sign-in=([A-Za-z0-9_-]{20,200})$/.exec(hash)?.[1];
}

/**
 * Ends this session on the server (`everywhere`: every session of this person, on every device). The
 * caller then forgets the token; an already ended session is not an error.
 */
export async function signOut(client: VisitClient, everywhere = false, signal?: AbortSignal): Promise<void> {
  try {
    await client.api.POST(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', { signal });
  } catch (error) {
    if ((error as { status?: number } | undefined)?.status !== 401) throw error;
  } finally {
    client.session = undefined;
  }
}

export async function getMe(client: VisitClient, signal?: AbortSignal): Promise<SignedIn['user']> {
  const { data } = await client.api.GET('/me', { signal });
  return responseBody(data);
}
