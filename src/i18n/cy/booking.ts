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
  'booking.prisoner.title': 'Pwy ydych chi’n ymweld â nhw?',
  'booking.prisoner.missing': 'Dewiswch y person rydych yn ymweld ag ef neu hi',
  'booking.prisoner.none':
    'Nid ydych wedi’ch cysylltu ag unrhyw un y gallwch drefnu ymweliadau gyda nhw eto.',
  'booking.prisoner.banned': 'Ni allwch drefnu ymweliadau tan {date}',
  'booking.prisoner.closed': 'Ymweliadau caeedig yw ymweliadau â’r person hwn',
  'booking.prisoner.noAllowance':
    'Nid oes gan {name} unrhyw ymweliadau ar ôl am y tro. Gallwch drefnu ymweliad o {date} ymlaen.',
  'booking.prisoner.noAllowanceNoDate':
    'Nid oes gan {name} unrhyw ymweliadau ar ôl am y tro. Cysylltwch â’r carchar i gael gwybod pryd y gallwch drefnu.',
  'booking.prisoner.presetMissing':
    'Nid oeddem yn gallu dod o hyd i {prisoner} ymhlith y bobl y gallwch drefnu ymweliadau gyda nhw. Dewiswch rywun isod neu ychwanegwch nhw.',
  'booking.prisoner.pendingTitle': 'Yn aros i’r carchar gymeradwyo',
  'booking.prisoner.pendingItem': 'Rhif carchar {number} yn {prison}',
  'booking.prisoner.pendingHelp':
    'Mae’r carchar yn gwirio pob cais, fel arfer o fewn 5 diwrnod gwaith. Byddwn yn anfon e-bost atoch pan fyddan nhw wedi penderfynu.',
  'booking.prisoner.rejectedItem':
    'Rhif carchar {number} yn {prison}: ni wnaeth y carchar gymeradwyo’r cais hwn.',
  'booking.prisoner.addPerson': 'Ychwanegu rhywun rydych yn ymweld â nhw',
  'booking.visitors.type': 'Math o ymweliad',
  'booking.slot.missing': 'Dewiswch ddyddiad ac amser ar gyfer eich ymweliad',
  'booking.slot.chosen': 'Rydych wedi dewis',
  'booking.slot.taken':
    'Mae’n ddrwg gennym, fe wnaeth rhywun arall drefnu’r amser hwnnw tra oeddech yn dewis.',
  'booking.slot.alternatives': 'Yr amseroedd agosaf sy’n dal ar gael:',
  'booking.slot.noAlternatives': 'Dewiswch amser arall o’r calendr.',
  'booking.check.visitors': 'Ymwelwyr',
  'calendar.noDays': 'Nid oes unrhyw ddyddiadau i ddewis ohonynt.',
  'calendar.previousMonth': 'Y mis blaenorol',
  'calendar.nextMonth': 'Y mis nesaf',
  'calendar.keyboardHint':
    'Mae’r diwrnodau ag amseroedd ar gael wedi’u marcio. Defnyddiwch y bysellau saeth i symud rhwng diwrnodau, Page Up a Page Down i newid y mis, ac Enter i ddewis diwrnod.',
  'calendar.sessionsFree': {
    zero: '{count} amser ar gael',
    one: '{count} amser ar gael',
    two: '{count} amser ar gael',
    few: '{count} amser ar gael',
    many: '{count} amser ar gael',
    other: '{count} amser ar gael',
  },
  'calendar.dayFull': 'dim lle ar ôl',
  'calendar.noSessions': 'dim ymweliadau',
  'calendar.outsideWindow': 'y tu allan i’r cyfnod trefnu',
  'calendar.windowHint': 'Gallwch drefnu ymweliadau {min} i {max} diwrnod ymlaen llaw.',
  'calendar.reason.excluded': 'Nid yw’r carchar yn cynnal ymweliadau ar y diwrnod hwn.',
  'calendar.reason.outsideWindow':
    'Ni allwch drefnu’r diwrnod hwn. Rhaid trefnu ymweliadau o leiaf {min} diwrnod a dim mwy na {max} diwrnod ymlaen llaw.',
  'calendar.reason.noSessions':
    'Nid oes sesiynau ymweld ar y diwrnod hwn. Dewiswch ddiwrnod sydd wedi’i farcio fel un ag amseroedd ar gael.',
  'calendar.timesOn': 'Amseroedd ar {date}',
  'calendar.timeRange': '{start} i {end}',
  'calendar.yourTime': '{start} i {end} yn eich amser chi ({zone})',
  'calendar.placesLeft': {
    zero: '{count} lle ar ôl',
    one: '{count} lle ar ôl',
    two: '{count} le ar ôl',
    few: '{count} lle ar ôl',
    many: '{count} lle ar ôl',
    other: '{count} lle ar ôl',
  },
  'calendar.slotStarted': 'Mae’r amser wedi mynd heibio',
  'calendar.slotFull': 'Dim lle ar ôl',
  'calendar.legal': 'Ymweliad cyfreithiol, i weithwyr proffesiynol cyfreithiol yn unig',
};
