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

  'booking.pending.title': 'Cais wedi’i anfon',
  'booking.pending.body': 'Rydym wedi gofyn i {prison} eich cysylltu â {name}.',
  'booking.pending.next':
    'Mae’r carchar fel arfer yn gwirio ceisiadau o fewn 5 diwrnod gwaith. Byddwn yn anfon e-bost atoch pan fyddan nhw wedi penderfynu. Gallwch drefnu ymweliadau unwaith y bydd y cysylltiad wedi’i gymeradwyo.',
  'booking.pending.backToPeople': 'Yn ôl at y bobl rydych yn ymweld â nhw',

  'booking.visitors.title': 'Math o ymweliad ac ymwelwyr',
  'booking.visitors.type': 'Math o ymweliad',
  'booking.visitors.typeQuestion': 'Pa fath o ymweliad ydych chi ei eisiau?',
  'booking.visitors.typeMissing': 'Dewiswch fath o ymweliad',
  'booking.visitors.question': 'Pwy sy’n dod i’r ymweliad?',
  'booking.visitors.limitsIntro': 'Mae {prison} yn caniatáu:',
  'booking.visitors.limitTotal': {
    zero: 'hyd at {count} ymwelydd i gyd',
    one: 'hyd at {count} ymwelydd i gyd',
    two: 'hyd at {count} ymwelydd i gyd',
    few: 'hyd at {count} ymwelydd i gyd',
    many: 'hyd at {count} ymwelydd i gyd',
    other: 'hyd at {count} ymwelydd i gyd',
  },
  'booking.visitors.limitAdults': {
    zero: 'hyd at {count} oedolyn ({age} oed neu hŷn)',
    one: 'hyd at {count} oedolyn ({age} oed neu hŷn)',
    two: 'hyd at {count} oedolyn ({age} oed neu hŷn)',
    few: 'hyd at {count} oedolyn ({age} oed neu hŷn)',
    many: 'hyd at {count} oedolyn ({age} oed neu hŷn)',
    other: 'hyd at {count} oedolyn ({age} oed neu hŷn)',
  },
  'booking.visitors.limitChildren': {
    zero: 'hyd at {count} plentyn (o dan {age} oed)',
    one: 'hyd at {count} plentyn (o dan {age} oed)',
    two: 'hyd at {count} blentyn (o dan {age} oed)',
    few: 'hyd at {count} plentyn (o dan {age} oed)',
    many: 'hyd at {count} plentyn (o dan {age} oed)',
    other: 'hyd at {count} plentyn (o dan {age} oed)',
  },
  'booking.visitors.limitOneAdult': 'rhaid i o leiaf un ymwelydd fod yn {age} oed neu hŷn',
  'booking.visitors.adultAge': {
    zero: '{count} oed',
    one: '{count} oed',
    two: '{count} oed',
    few: '{count} oed',
    many: '{count} oed',
    other: '{count} oed',
  },
  'booking.visitors.childAge': {
    zero: '{count} oed, plentyn',
    one: '{count} oed, plentyn',
    two: '{count} oed, plentyn',
    few: '{count} oed, plentyn',
    many: '{count} oed, plentyn',
    other: '{count} oed, plentyn',
  },
  'booking.visitors.you': 'chi',
  'booking.visitors.banned': 'Ni all ymweld tan {date}',
  'booking.visitors.waiting': 'Yn aros i’r carchar gymeradwyo’r ymwelydd hwn',
  'booking.visitors.missing': 'Dewiswch pwy sy’n dod i’r ymweliad',
  'booking.visitors.needAdult': 'Rhaid i o leiaf un ymwelydd fod yn {age} oed neu hŷn',
  'booking.visitors.tooMany': {
    zero: 'Dewiswch {count} ymwelydd neu lai',
    one: 'Dewiswch {count} ymwelydd neu lai',
    two: 'Dewiswch {count} ymwelydd neu lai',
    few: 'Dewiswch {count} ymwelydd neu lai',
    many: 'Dewiswch {count} ymwelydd neu lai',
    other: 'Dewiswch {count} ymwelydd neu lai',
  },
  'booking.visitors.tooManyAdults': {
    zero: 'Dewiswch {count} oedolyn neu lai',
    one: 'Dewiswch {count} oedolyn neu lai',
    two: 'Dewiswch {count} oedolyn neu lai',
    few: 'Dewiswch {count} oedolyn neu lai',
    many: 'Dewiswch {count} oedolyn neu lai',
    other: 'Dewiswch {count} oedolyn neu lai',
  },
  'booking.visitors.tooManyChildren': {
    zero: 'Dewiswch {count} plentyn neu lai',
    one: 'Dewiswch {count} plentyn neu lai',
    two: 'Dewiswch {count} blentyn neu lai',
    few: 'Dewiswch {count} plentyn neu lai',
    many: 'Dewiswch {count} plentyn neu lai',
    other: 'Dewiswch {count} plentyn neu lai',
  },

  'booking.visitors.add.title': 'Ychwanegu rhywun a fydd yn ymweld',
  'booking.visitors.add.intro':
    'Mae’r carchar yn gwirio pawb sy’n ymweld. Gallwch eu dewis ar gyfer ymweliad unwaith y bydd y carchar wedi’u cymeradwyo.',
  'booking.visitors.add.relationship': 'Eu perthynas â’r person yn y carchar',
  'booking.visitors.add.relationshipHint': 'Er enghraifft, mab, chwaer neu ffrind',
  'booking.visitors.add.relationshipMissing': 'Rhowch eu perthynas â’r person yn y carchar',
  'booking.visitors.add.send': 'Gofyn i’w hychwanegu',
  'booking.visitors.add.sent':
    'Mae {name} wedi cael ei ychwanegu. Bydd y carchar yn ei wirio cyn y gall ymweld.',

  'booking.slot.title': 'Dewiswch ddyddiad ac amser',
  'booking.slot.intro':
    '{type}. Amser lleol y carchar ({zone}) yw’r amseroedd. Pan fyddwch yn parhau, byddwn yn cadw’r amser i chi am 10 munud.',
  'booking.slot.missing': 'Dewiswch ddyddiad ac amser ar gyfer eich ymweliad',
  'booking.slot.chosen': 'Rydych wedi dewis',
  'booking.slot.hold': 'Parhau',
  'booking.slot.holding': 'Yn cadw’r amser hwn…',
  'booking.slot.holdExpired':
    'Fe wnaethom gadw eich amser am 10 munud a daeth yr amser i ben, felly cafodd ei ryddhau. Dewiswch amser eto: mae eich atebion eraill wedi’u cadw.',
  'booking.slot.taken':
    'Mae’n ddrwg gennym, fe wnaeth rhywun arall drefnu’r amser hwnnw tra oeddech yn dewis.',
  'booking.slot.alternatives': 'Yr amseroedd agosaf sy’n dal ar gael:',
  'booking.slot.holdAlternative': 'Dewis {slot}',
  'booking.slot.noAlternatives': 'Dewiswch amser arall o’r calendr.',

  'booking.hold.text': 'Rydym yn cadw {date} am {time} i chi tan {expires} ({left} ar ôl).',
  'booking.hold.after':
    'Os daw’r amser i ben, byddwn yn ei ryddhau a byddwch yn dewis amser eto. Bydd eich atebion yn cael eu cadw.',
  'booking.hold.warning': '{time} ar ôl i orffen trefnu cyn i ni ryddhau eich amser.',
  'booking.hold.started': 'Rydym yn cadw’r amser hwn i chi am {time}.',
  'booking.hold.warningExtend':
    '{time} ar ôl i orffen trefnu cyn i ni ryddhau eich amser. Gallwch ofyn am 10 munud arall unwaith.',
  'booking.hold.extend': 'Rhowch 10 munud arall i mi',
  'booking.hold.extended': 'Wedi’i wneud: rydym yn cadw’r amser hwn i chi tan {expires}.',
  'booking.hold.extendUsed': 'Rydych eisoes wedi cael mwy o amser ar gyfer yr amser hwn.',

  'booking.details.title': 'Cymorth a chysylltu',
  'booking.details.support': 'Oes angen cymorth ar unrhyw un yn ystod yr ymweliad? (dewisol)',
  'booking.details.supportHint':
    'Er enghraifft, mynediad heb risiau, dolen sain neu ddehonglydd Iaith Arwyddion Prydain. Hyd at {count} nod.',
  'booking.details.supportTooLong': 'Rhaid i’r anghenion cymorth fod yn {count} nod neu lai',
  'booking.details.contact': 'Sut dylem gysylltu â chi am yr ymweliad hwn?',
  'booking.details.contactHint': 'Dewiswch bob un sy’n berthnasol.',
  'booking.details.byEmail': 'E-bost',
  'booking.details.email': 'Cyfeiriad e-bost',
  'booking.details.bySms': 'Neges destun',
  'booking.details.phone': 'Rhif ffôn symudol yn y DU',
  'booking.details.phoneHint': 'Dim ond ar gyfer negeseuon testun. Er enghraifft, 07700 900 982',
  'booking.details.welsh': 'Anfonwch ddiweddariadau ataf yn Gymraeg',
  'booking.details.contactMissing': 'Dewiswch sut dylem gysylltu â chi',
  'booking.details.emailInvalid': 'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
  'booking.details.phoneInvalid': 'Rhowch rif ffôn symudol yn y DU, fel 07700 900 982',

  'booking.check.title': 'Gwiriwch eich atebion cyn trefnu',
  'booking.check.prisoner': 'Y person rydych yn ymweld ag ef neu hi',
  'booking.check.visitors': 'Ymwelwyr',
  'booking.check.when': 'Dyddiad ac amser',
  'booking.check.support': 'Anghenion cymorth',
  'booking.check.contact': 'Cysylltu',
  'booking.check.none': 'Dim',
  'booking.check.welshYes': 'Diweddariadau yn Gymraeg',
  'booking.check.nowBook': 'Nawr trefnwch eich ymweliad',
  'booking.check.declaration':
    'Drwy drefnu, rydych yn cadarnhau bod y manylion yn gywir ac y bydd pawb sy’n dod yn dod â dogfen adnabod os oes ei hangen.',
  'booking.check.confirm': 'Trefnu ymweliad',
  'booking.check.booking': 'Yn trefnu eich ymweliad…',
  'booking.check.networkLost':
    'Collwyd y cysylltiad cyn i’ch archeb gael ei chadarnhau. Rhowch gynnig arall arni: mae’n ddiogel, ni fydd eich ymweliad yn cael ei drefnu ddwywaith.',

  'booking.error.noAllowance':
    'Nid oes unrhyw ymweliadau ar ôl am y tro. Gallwch drefnu ymweliad o {date} ymlaen.',
  'booking.error.noAllowanceNoDate':
    'Nid oes unrhyw ymweliadau ar ôl am y tro. Cysylltwch â’r carchar i gael gwybod pryd y gallwch drefnu.',
  'booking.error.linkPending':
    'Nid yw’r carchar wedi cymeradwyo eich cysylltiad â’r person hwn eto, felly ni allwch drefnu eto.',
  'booking.error.visitorLimits': 'Nid yw’r ymwelwyr yn bodloni rheolau’r carchar. Newidiwch yr ymwelwyr.',

  'booking.done.bookedTitle': 'Ymweliad wedi’i drefnu',
  'booking.done.requestedTitle': 'Cais am ymweliad wedi’i wneud',
  'booking.done.booked': 'Ymweliad wedi’i drefnu.',
  'booking.done.requested': 'Cais am ymweliad wedi’i wneud: rhaid i’r carchar ei gymeradwyo.',
  'booking.done.reference': 'Eich cyfeirnod',
  'booking.done.nextTitle': 'Beth sy’n digwydd nesaf',
  'booking.done.nextBooked':
    'Rydym wedi anfon y manylion atoch. Os oes angen i chi newid neu ganslo’r ymweliad, ewch i’ch ymweliadau.',
  'booking.done.nextRequested':
    'Mae angen i’r carchar wirio’r ymweliad hwn cyn iddo gael ei gadarnhau. Byddwn yn dweud wrthych pan fyddan nhw wedi penderfynu, fel arfer o fewn 5 diwrnod gwaith. Peidiwch â theithio nes iddo gael ei gadarnhau.',
  'booking.done.nextVideo': 'Ar gyfer ymweliad fideo, gallwch ymuno o 15 munud cyn iddo ddechrau.',
  'booking.done.addToCalendar': 'Ychwanegu at y calendr',
  'booking.done.calendarSaved': 'Mae’r ffeil calendr wedi’i lawrlwytho.',
  'booking.done.another': 'Trefnu ymweliad arall',

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
};
