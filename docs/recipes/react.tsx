// React: use the generated wrappers. Properties (including objects like `client` or `session`) pass through,
// and visit-kit events become `onVisit…` props. Import each element's own entry (`visit-kit/react/booking`):
// the page then carries only those elements (`visit-kit/react` has them all). Each entry is a client
// component ('use client'), so Next.js server components can render them.
import * as React from 'react';
import { VisitBooking } from 'visit-kit/react/booking';
import { VisitMyVisits } from 'visit-kit/react/my-visits';
import { VisitProvider } from 'visit-kit/react/provider';

export function BookAVisit({ apiBase }: { apiBase: string }) {
  const [reference, setReference] = React.useState<string>();
  return (
    <VisitProvider apiBase={apiBase} rememberSession>
      <VisitBooking onVisitBooked={(event) => setReference(event.reference)} />
      {reference ? <p>Booked: {reference}</p> : null}
      <VisitMyVisits />
    </VisitProvider>
  );
}
