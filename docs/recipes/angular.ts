// Angular: allow custom elements in the component's schema and register them once (e.g. in main.ts).
// Bind objects with [property] bindings — Angular sets DOM properties, so tokens never become attributes.
import { Component, CUSTOM_ELEMENTS_SCHEMA, Input } from '@angular/core';
import 'visit-kit/define';

@Component({
  selector: 'app-book-a-visit',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <visit-provider [apiBase]="apiBase" remember-session>
      <visit-booking (visit-booked)="booked($event)"></visit-booking>
      <visit-my-visits></visit-my-visits>
    </visit-provider>
  `,
})
export class BookAVisitComponent {
  @Input({ required: true }) apiBase!: string;

  booked(event: Event): void {
    console.info('booked', event);
  }
}
