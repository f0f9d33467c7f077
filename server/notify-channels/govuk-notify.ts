// SMS through GOV.UK Notify, with its official client (notifications-node-client). Notify sends from
// templates: make one SMS template whose whole content is `((message))` and give its id here; each message's
// text is passed as that placeholder. The message id is the Notify `reference`, so a sent text can be traced.
import { NotifyClient } from 'notifications-node-client';
import { PermanentDeliveryError, type Transport } from '../outbox.js';

export interface NotifyConfig {
  /** The service's API key (`{name}-{service id}-{secret}`), from Notify's API integration page. */
  apiKey: string;
  /** The SMS template whose content is `((message))`. */
  smsTemplateId: string;
  /** Another base URL than Notify's production API (a test stand-in); omit in production. */
  baseUrl?: string | undefined;
}

export function notifySmsTransport(config: NotifyConfig): Transport {
  const client = config.baseUrl
    ? new NotifyClient(config.baseUrl, config.apiKey)
    : new NotifyClient(config.apiKey);
  return {
    name: 'govuk-notify',
    channels: ['sms'],
    async deliver(message) {
      try {
        await client.sendSms(config.smsTemplateId, message.to, {
          personalisation: { message: message.text },
          reference: message.id,
        });
      } catch (error) {
        // Notify answers 400 (validation, e.g. a bad number) and 403 (auth) for requests that will never
        // succeed; 429 (rate limit), 5xx and network errors are worth trying again.
        const status = (error as { response?: { status?: number } }).response?.status;
        if (status === 400 || status === 403) throw new PermanentDeliveryError(`Notify ${status}`);
        throw new Error(status ? `Notify ${status}` : 'Notify unreachable');
      }
    },
  };
}
