// React: use the generated wrappers. Properties (including objects like `client` or `session`) pass through,
// and visit-kit events become `onVisit…` props.
import * as React from 'react';
import { VisitBooking, VisitMyVisits, VisitProvider } from 'visit-kit/react';

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
