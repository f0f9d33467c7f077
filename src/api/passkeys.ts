// The passkey step of a staff sign-in (WebAuthn, through @simplewebauthn/browser): after the emailed code a
// staff session can only do this; the answer is a new session that replaces it on the client.
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { responseBody, type Session, type VisitClient } from './client.js';

/** Why a passkey step did not finish on the device (the backend's refusals are `VisitApiError`s). */
export type PasskeyFailure = 'unsupported' | 'cancelled' | 'already-registered';

/** A passkey step that ended on the device: not supported, cancelled (or timed out), or a key already set up. */
export class PasskeyError extends Error {
  constructor(readonly reason: PasskeyFailure) {
    super(`passkey: ${reason}`);
    this.name = 'PasskeyError';
  }
}

/** Whether this browser can use passkeys at all. */
export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

function deviceFailure(error: unknown): never {
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    throw new PasskeyError('already-registered');
  // NotAllowedError: the person cancelled, or the prompt timed out (browsers do not say which)
  const name = (error as { name?: string } | undefined)?.name;
  if (error instanceof WebAuthnError || name === 'NotAllowedError' || name === 'AbortError')
    throw new PasskeyError('cancelled');
  throw error;
}

/** Signs in with a passkey; the client's session becomes the full one. */
export async function signInWithPasskey(client: VisitClient): Promise<Session> {
  if (!passkeysSupported()) throw new PasskeyError('unsupported');
  const { data: options } = await client.api.POST('/auth/passkey/authentication-options');
  let response;
  try {
    response = await startAuthentication({
      optionsJSON: responseBody(options) as unknown as PublicKeyCredentialRequestOptionsJSON,
    });
  } catch (error) {
    deviceFailure(error);
  }
  const { data } = await client.api.POST('/auth/passkey/authentication', {
    body: { response: response as unknown as Record<string, unknown> },
  });
  const session = responseBody(data) as Session;
  client.session = session;
  return session;
}

/** Sets up a passkey with a colleague's set-up code; the client's session becomes the full one. */
export async function enrolPasskey(client: VisitClient, enrolmentCode: string): Promise<Session> {
  if (!passkeysSupported()) throw new PasskeyError('unsupported');
  const { data: options } = await client.api.POST('/auth/passkey/registration-options', {
    body: { enrolmentCode },
  });
  let response;
  try {
    response = await startRegistration({
      optionsJSON: responseBody(options) as unknown as PublicKeyCredentialCreationOptionsJSON,
    });
  } catch (error) {
    deviceFailure(error);
  }
  const { data } = await client.api.POST('/auth/passkey/registration', {
    body: { enrolmentCode, response: response as unknown as Record<string, unknown> },
  });
  const session = responseBody(data) as Session;
  client.session = session;
  return session;
}
