import { expect } from '@open-wc/testing';
import { VisitClient } from '../../src/api/client.js';
import { VisitApiError } from '../../src/api/errors.js';

type Handler = (request: Request, attempt: number) => Response | Promise<Response>;

/** A client whose network is `handler`, recording every request it sees. */
function clientWith(handler: Handler, options: Partial<ConstructorParameters<typeof VisitClient>[0]> = {}) {
  const seen: Request[] = [];
  const client = new VisitClient({
    baseUrl: 'https://api.example/',
    retries: 2,
    ...options,
    fetch: async (input) => {
      const request = input as Request;
      seen.push(request);
      return handler(request, seen.length);
    },
  });
  return { client, seen };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('VisitClient', () => {
  it('sends the session token in the Authorization header, never in the URL', async () => {
    const { client, seen } = clientWith(() => json({ ok: true }), { session: { token: 'tok-123' } });
    await client.send(new Request('https://api.example/api/v1/me'));
    expect(seen[0]!.headers.get('authorization')).to.equal('Bearer tok-123');
    expect(seen[0]!.url).to.not.contain('tok-123');
  });

  it('asks for the backend’s texts in its language (Accept-Language), else the page’s', async () => {
    const { client, seen } = clientWith(() => json({}), { language: 'cy' });
    await client.send(new Request('https://api.example/api/v1/me'));
    expect(seen[0]!.headers.get('accept-language')).to.equal('cy');
    client.language = undefined;
    const before = document.documentElement.lang;
    document.documentElement.lang = 'cy-GB';
    try {
      await client.send(new Request('https://api.example/api/v1/me'));
      expect(seen[1]!.headers.get('accept-language')).to.equal('cy-GB');
      // a value that is not a language tag is never sent
      client.language = 'cy\r\nx: y';
      await client.send(new Request('https://api.example/api/v1/me'));
      expect(seen[2]!.headers.get('accept-language')).to.not.equal('cy\r\nx: y');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('asks a portal’s token provider when it has no session', async () => {
    const { client, seen } = clientWith(() => json({}), { tokenProvider: async () => 'from-portal' });
    await client.send(new Request('https://api.example/api/v1/me'));
    expect(seen[0]!.headers.get('authorization')).to.equal('Bearer from-portal');
  });

  it('turns problem+json into a typed VisitApiError with field paths', async () => {
    const problem = {
      type: 'urn:visit-kit:problem:validation',
      title: 'Invalid request',
      status: 422,
      code: 'validation',
      detail: 'Check the dates',
      errors: [{ path: 'visitors.0.dateOfBirth', message: 'Enter a real date' }],
    };
    const { client } = clientWith(() => json(problem, 422, 'application/problem+json'));
    const error = await client
      .send(new Request('https://api.example/api/v1/bookings', { method: 'POST' }))
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).to.be.instanceOf(VisitApiError);
    const failure = error as VisitApiError;
    expect(failure.status).to.equal(422);
    expect(failure.code).to.equal('validation');
    expect(failure.message).to.equal('Check the dates');
    expect(failure.fieldErrors[0]!.path).to.equal('visitors.0.dateOfBirth');
  });

  it('retries a write after a network failure with the same Idempotency-Key', async () => {
    const { client, seen } = clientWith((_request, attempt) => {
      if (attempt === 1) throw new TypeError('Failed to fetch');
      return json({ reference: 'ABCD2345' }, 201);
    });
    const response = await client.send(
      new Request('https://api.example/api/v1/bookings', { method: 'POST', body: '{"holdId":"h1"}' }),
    );
    expect(response.status).to.equal(201);
    expect(seen).to.have.length(2);
    const keys = seen.map((request) => request.headers.get('idempotency-key'));
    expect(keys[0]).to.be.a('string').with.length.greaterThan(0);
    expect(keys[1]).to.equal(keys[0]);
    expect(await seen[1]!.text()).to.equal('{"holdId":"h1"}');
  });

  it('gives up after its retries with a network error the elements can explain', async () => {
    const { client, seen } = clientWith(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await client
      .send(new Request('https://api.example/api/v1/me'))
      .catch((e: unknown) => e)) as VisitApiError;
    expect(error.code).to.equal('network');
    expect(error.retryable).to.equal(true);
    expect(seen).to.have.length(3);
  });

  it('does not retry after the caller aborts', async () => {
    const controller = new AbortController();
    const { client, seen } = clientWith(() => {
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    });
    const error = (await client
      .send(new Request('https://api.example/api/v1/me', { signal: controller.signal }))
      .catch((e: unknown) => e)) as VisitApiError;
    expect(error.code).to.equal('aborted');
    expect(seen).to.have.length(1);
  });

  it('clears the session and tells listeners when the backend answers 401', async () => {
    const { client } = clientWith(() => json({ code: 'unauthenticated', title: 'Sign in' }, 401), {
      session: { token: 'expired' },
    });
    let changes = 0;
    client.addEventListener('session-change', () => changes++);
    await client.send(new Request('https://api.example/api/v1/me')).catch(() => undefined);
    expect(client.session).to.equal(undefined);
    expect(changes).to.equal(1);
  });

  it('keeps the session in the given storage and restores it, unless it has expired', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
      removeItem: (key: string) => void store.delete(key),
    };
    const first = new VisitClient({ baseUrl: 'https://api.example', storage });
    first.session = { token: 'kept', expiresAt: new Date(Date.now() + 60_000).toISOString() };
    expect(new VisitClient({ baseUrl: 'https://api.example', storage }).session?.token).to.equal('kept');
    first.session = { token: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() };
    expect(new VisitClient({ baseUrl: 'https://api.example', storage }).session).to.equal(undefined);
  });

  it('reads a server-sent-events stream with the Authorization header and parses JSON data', async () => {
    const body =
      'event: state\ndata: {"status":"waiting"}\n\n: heartbeat\n\nevent: warning\ndata: {"message":"2 minutes"}\n\n';
    const { client, seen } = clientWith(
      () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
      { session: { token: 'sse-token' } },
    );
    const controller = new AbortController();
    const events: unknown[] = [];
    await client.events('/visits/v1/events', {
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (events.length === 2) controller.abort();
      },
    });
    expect(events).to.deep.equal([
      { event: 'state', data: { status: 'waiting' } },
      { event: 'warning', data: { message: '2 minutes' } },
    ]);
    expect(seen[0]!.url).to.equal('https://api.example/api/v1/visits/v1/events');
    expect(seen[0]!.headers.get('authorization')).to.equal('Bearer sse-token');
  });
});
