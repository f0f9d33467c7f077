// Type test (checked by `npm run test:types`): the generated React 19 JSX types (jsx/react.d.ts) make
// visit-kit's tags known to TSX, with the attributes' and properties' own types and typed event handlers.
import type {} from 'visit-kit/jsx/react';
import type { VisitClient } from 'visit-kit';

export function Page({ client }: { client: VisitClient }) {
  return (
    <visit-provider api-base="https://visits.example.org" lang="cy" client={client}>
      <visit-booking
        prison="NMI"
        visit-type="video"
        onvisit-booked={(event) => console.log(event.reference, event.start)}
      />
      {/* @ts-expect-error `visit-type` is 'video' | 'in-person' */}
      <visit-booking visit-type="phone" />
      {/* @ts-expect-error the handler gets a VisitBookedEvent, which has no `minutesLeft` */}
      <visit-booking onvisit-booked={(event) => event.minutesLeft} />
      <visit-call side="prisoner" onvisit-time-warning={(event) => console.log(event.minutesLeft)} />
      {/* @ts-expect-error `side` is 'visitor' | 'prisoner' */}
      <visit-call side="staff" />
      {/* @ts-expect-error not a visit-kit element (internal, not in the manifest) */}
      <visit-staff-call-tile />
    </visit-provider>
  );
}
