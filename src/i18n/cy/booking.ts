import type { booking as en } from '../en/booking.js';
import type { Message } from '../types.js';

/** Cymraeg: `<visit-booking>` a’r dewisydd dyddiad. */
export const booking: Record<keyof typeof en, Message> = {
  'form.errorPrefix': 'Gwall:',
  'booking.progress': 'Cam {index} o {total}',
  'booking.working': 'Arhoswch…',
  'booking.signIn.title': 'Mewngofnodi i drefnu ymweliad',
  'booking.signIn.intro': 'Byddwn yn anfon cod 6 digid atoch drwy e-bost. Nid oes angen cyfrinair arnoch.',
  'booking.signIn.email': 'Cyfeiriad e-bost',
  'booking.signIn.emailHint': 'Byddwn hefyd yn anfon cadarnhad o’ch archeb i’r cyfeiriad hwn.',
  'booking.signIn.emailMissing': 'Rhowch eich cyfeiriad e-bost',
  'booking.signIn.emailInvalid': 'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
  'booking.signIn.rateLimited':
    'Rydych wedi gofyn am ormod o godau. Arhoswch 15 munud, yna rhowch gynnig arall arni.',
  'booking.code.title': 'Gwiriwch eich e-bost',
  'booking.code.intro': 'Rydym wedi anfon cod at {email}. Bydd yn dod i ben ymhen 10 munud.',
  'booking.code.label': 'Cod',
  'booking.code.hint': 'Mae’r cod yn 6 rhif, er enghraifft 123456',
  'booking.code.missing': 'Rhowch y cod o’r e-bost',
  'booking.code.format': 'Rhowch y cod fel 6 rhif',
  'booking.code.invalid': 'Nid yw’r cod yn gywir. Gwiriwch yr e-bost a rhowch y cod eto',
  'booking.code.expired': 'Mae’r cod hwnnw wedi dod i ben. Anfonwch god newydd',
  'booking.code.tooMany': 'Gormod o godau anghywir. Anfonwch god newydd',
  'booking.code.resend': 'Anfon cod newydd',
  'booking.code.sentAgain': 'Rydym wedi anfon cod newydd at {email}',
  'booking.visitors.type': 'Math o ymweliad',
  'booking.slot.missing': 'Dewiswch ddyddiad ac amser ar gyfer eich ymweliad',
  'booking.slot.chosen': 'Rydych wedi dewis',
  'booking.slot.taken':
    'Mae’n ddrwg gennym, fe wnaeth rhywun arall drefnu’r amser hwnnw tra oeddech yn dewis.',
  'booking.slot.alternatives': 'Yr amseroedd agosaf sy’n dal ar gael:',
  'booking.slot.noAlternatives': 'Dewiswch amser arall o’r calendr.',
  'booking.check.visitors': 'Ymwelwyr',
};
