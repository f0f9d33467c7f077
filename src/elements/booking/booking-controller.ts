// The booking journey's behaviour, apart from its view: BookingController owns the state machine
// (booking-machine.ts) and every effect of the first screens (sign-in and the emailed code) — API calls through
// src/api/family.ts, announcements and events. Its state and shared failure handling are in booking-core.ts;
// this file is the actions the first screens call. The later screens' tasks and actions, from the person on
// (BookingJourney, booking-journey.ts), load with those screens. <visit-booking> and its screens only render what they hold; a
// minimal host drives them in test/elements/booking/booking-controller.test.ts.
import { VisitApiError } from '../../api/errors.js';
import { requestCode, verifyCode } from '../../api/family-sign-in.js';
import { codeErrors, emailErrors, fieldErrorsFrom } from './booking-rules.js';

import { BookingCore } from './booking-core.js';

export type { BookingHost, Failure, FocusRequest } from './booking-core.js';

export class BookingController extends BookingCore {
  // ——— actions: sign in ———

  back(): void {
    this.dispatch({ type: 'back' });
  }

  submitEmail(data: FormData): void {
    const email = String(data.get('email') ?? '').trim();
    const errors = emailErrors(this.host.t.bind(this.host), email);
    if (errors.length) return this.showErrors(errors);
    void this.sendCode(email);
  }

  async sendCode(email: string, again = false): Promise<void> {
    const client = this.host.activeClient!;
    const t = this.host.t.bind(this.host);
    await this.run(async () => {
      try {
        await requestCode(client, email, this.signal);
        this.dispatch({ type: 'code-sent', email });
        if (again) this.host.announce(t('booking.code.sentAgain', { email }));
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'rate-limited') {
          this.showErrors([{ field: 'email', message: t('booking.signIn.rateLimited') }]);
          this.report(error.code, t('booking.signIn.rateLimited'));
        } else if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(fieldErrorsFrom(this.host.t.bind(this.host), error, { email: 'email' }));
        } else if (!this.handleCommon(error, () => void this.sendCode(email, again))) {
          this.failWith(error);
        }
      }
    });
  }

  resendCode(): void {
    void this.sendCode(this.journey!.answers.email, true);
  }

  submitCode(data: FormData): void {
    const code = String(data.get('code') ?? '').replace(/\s+/g, '');
    const errors = codeErrors(this.host.t.bind(this.host), code);
    if (errors.length) return this.showErrors(errors);
    void this.#verify(code);
  }

  async #verify(code: string): Promise<void> {
    const client = this.host.activeClient!;
    const email = this.journey!.answers.email;
    const t = this.host.t.bind(this.host);
    await this.run(async () => {
      try {
        const signedIn = await verifyCode(client, email, code, this.signal);
        // Move on first, so the session-change notification finds the journey already past sign-in.
        this.dispatch({ type: 'signed-in', email: signedIn.user.email ?? email });
        client.session = signedIn;
      } catch (error) {
        const codeError = error instanceof VisitApiError ? error.code : '';
        if (codeError === 'code-invalid' || codeError === 'code-expired' || codeError === 'rate-limited') {
          const message = t(
            codeError === 'code-invalid'
              ? 'booking.code.invalid'
              : codeError === 'code-expired'
                ? 'booking.code.expired'
                : 'booking.code.tooMany',
          );
          this.showErrors([{ field: 'code', message }]);
          this.report(codeError, message);
        } else if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(fieldErrorsFrom(this.host.t.bind(this.host), error, { code: 'code' }));
        } else if (!this.handleCommon(error, () => void this.#verify(code))) {
          this.failWith(error);
        }
      }
    });
  }
}
