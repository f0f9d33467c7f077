import type { bookingRequests as en } from '../en/booking-requests.js';
import type { Message } from '../types.js';

/** Cymraeg: gofyn i’r carchar ychwanegu rhywun (cysylltu â pherson, ychwanegu ymwelydd). */
export const bookingRequests: Record<keyof typeof en, Message> = {
  'booking.link.title': 'Ychwanegu rhywun rydych yn ymweld â nhw',
  'booking.link.intro':
    'Dywedwch wrthym pwy rydych eisiau ymweld â nhw. Mae’r carchar yn gwirio’r manylion cyn i chi allu trefnu, fel arfer o fewn 5 diwrnod gwaith.',
  'booking.link.prison': 'Carchar',
  'booking.link.choosePrison': 'Dewiswch garchar',
  'booking.link.number': 'Rhif carchar',
  'booking.link.numberHint': 'Er enghraifft, A1234BC',
  'booking.link.firstName': 'Enw cyntaf',
  'booking.link.lastName': 'Cyfenw',
  'booking.link.dob': 'Dyddiad geni',
  'booking.link.dobHint': 'Er enghraifft, 27 3 1985',
  'booking.link.dob.day': 'Diwrnod',
  'booking.link.dob.month': 'Mis',
  'booking.link.dob.year': 'Blwyddyn',
  'booking.link.relationship': 'Eich perthynas â nhw',
  'booking.link.relationshipHint': 'Er enghraifft, mam, partner neu ffrind',
  'booking.link.send': 'Anfon cais',
  'booking.pending.title': 'Cais wedi’i anfon',
  'booking.pending.body': 'Rydym wedi gofyn i {prison} eich cysylltu â {name}.',
  'booking.pending.next':
    'Mae’r carchar fel arfer yn gwirio ceisiadau o fewn 5 diwrnod gwaith. Byddwn yn anfon e-bost atoch pan fyddan nhw wedi penderfynu. Gallwch drefnu ymweliadau unwaith y bydd y cysylltiad wedi’i gymeradwyo.',
  'booking.pending.backToPeople': 'Yn ôl at y bobl rydych yn ymweld â nhw',
  'booking.visitors.add.intro':
    'Mae’r carchar yn gwirio pawb sy’n ymweld. Gallwch eu dewis ar gyfer ymweliad unwaith y bydd y carchar wedi’u cymeradwyo.',
  'booking.visitors.add.relationship': 'Eu perthynas â’r person yn y carchar',
  'booking.visitors.add.relationshipHint': 'Er enghraifft, mab, chwaer neu ffrind',
  'booking.visitors.add.send': 'Gofyn i’w hychwanegu',
  'booking.link.prisonMissing': 'Dewiswch y carchar',
  'booking.link.numberMissing': 'Rhowch eu rhif carchar',
  'booking.link.numberInvalid': 'Rhowch rif carchar yn y fformat cywir, fel A1234BC',
  'booking.link.firstNameMissing': 'Rhowch eu henw cyntaf',
  'booking.link.lastNameMissing': 'Rhowch eu cyfenw',
  'booking.link.dobMissing': 'Rhowch eu dyddiad geni',
  'booking.link.dobInvalid': 'Rhaid i’r dyddiad geni fod yn ddyddiad go iawn',
  'booking.link.dobFuture': 'Rhaid i’r dyddiad geni fod yn y gorffennol',
  'booking.link.relationshipMissing': 'Rhowch eich perthynas â nhw',
  'booking.link.rateLimited': 'Rydych wedi anfon gormod o geisiadau. Rhowch gynnig arall arni ymhen awr.',
  'booking.visitors.add.relationshipMissing': 'Rhowch eu perthynas â’r person yn y carchar',
  'booking.visitors.add.sent':
    'Mae {name} wedi cael ei ychwanegu. Bydd y carchar yn ei wirio cyn y gall ymweld.',
};
