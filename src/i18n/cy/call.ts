import type { call as en } from '../en/call.js';
import type { Message } from '../types.js';

export const call: Record<keyof typeof en, Message> = {
  // ystafell aros
  'waiting.title': 'Ymweliad fideo â {name}',
  'waiting.titlePrisoner': 'Eich ymweliad fideo â {name}',
  'waiting.yourVisitor': 'eich ymwelydd',
  'waiting.when': '{date}, {start} i {end}',
  'waiting.signIn': 'Mewngofnodwch i ymuno â’ch ymweliad fideo.',
  'waiting.kioskNotPaired':
    'Nid yw’r ddyfais hon wedi’i gosod ar gyfer ymweliadau eto. Gofynnwch i aelod o staff.',
  'waiting.noVisit': 'Dewiswch ymweliad fideo o’ch ymweliadau i ymuno ag ef.',
  'waiting.noVisitPrisoner':
    'Does gennych chi ddim ymweliadau fideo wedi’u trefnu. Bydd staff yn dweud wrthych chi pan fydd un wedi’i drefnu.',
  'waiting.notVideo': 'Nid ymweliad fideo yw hwn, felly does dim i ymuno ag ef ar-lein.',
  'waiting.notFound':
    'Nid oeddem yn gallu dod o hyd i’r ymweliad hwnnw. Gwiriwch y ddolen, neu dewiswch yr ymweliad o’ch ymweliadau.',
  'waiting.opensAt': 'Mae’r ystafell aros yn agor am {time}. Gallwch wirio eich camera a’ch meicroffon nawr.',
  'waiting.startsIn': 'Mae eich ymweliad yn dechrau ymhen {duration}.',
  'waiting.started': 'Mae amser eich ymweliad wedi dechrau.',
  'waiting.joinWhenOpen': 'Gallwch ymuno pan fydd yr ystafell aros yn agor.',
  'waiting.join': 'Ymuno â’r ystafell aros',
  'waiting.readyPrisoner': 'Rwy’n barod am fy ymweliad',
  'waiting.joinCall': 'Ymuno â’r alwad',
  'waiting.joining': 'Wrthi’n ymuno…',
  'waiting.leaveQueue': 'Gadael yr ystafell aros',

  // statws byw
  'status.open': 'Mae’r ystafell aros ar agor.',
  'status.waiting': 'Rydych chi yn y ciw. Bydd swyddog yn gwirio pwy ydych chi cyn bo hir.',
  'status.checking': 'Mae swyddog yn gwirio pwy ydych chi. Edrychwch ar y camera, os gwelwch yn dda.',
  'status.prisonerOnTheWay': 'Mae {name} wedi cael gwybod eich bod chi yma ac ar ei ffordd.',
  'status.prisonerReady': 'Mae {name} yn barod ac yn aros amdanoch chi.',
  'status.prisoner.notArrived':
    'Nid yw eich ymwelydd wedi cyrraedd eto. Arhoswch yn agos at y sgrin, os gwelwch yn dda.',
  'status.prisoner.ready':
    'Rydych chi’n barod. Bydd yr ymweliad yn dechrau pan fydd staff yn gadael {name} i mewn.',
  'status.prisoner.checking': 'Mae eich ymwelydd yn yr ystafell aros. Mae swyddog yn gwirio pwy ydyn nhw.',
  'status.admitted': 'Rydych chi wedi cael mynd i mewn. Wrthi’n eich cysylltu â’r alwad…',
  'status.admittedElsewhere': 'Rydych chi wedi cael mynd i mewn i’r alwad.',
  'status.lobbyCamera':
    'Gall staff weld eich camera i wirio pwy ydych chi. Nid yw’r person rydych chi’n ymweld ag ef yn gallu eich gweld na’ch clywed eto.',
  'status.streamReconnecting':
    'Wrthi’n ailgysylltu â’r gwasanaeth ymweliadau… Mae eich lle yn y ciw yn cael ei gadw.',

  // gwirio dyfeisiau
  'check.title': 'Gwirio eich camera, eich meicroffon a’r sain',
  'check.intro':
    'Byddwn yn gofyn am gael defnyddio eich camera a’ch meicroffon. Does dim yn cael ei recordio, a does neb yn eich gweld nes i chi ymuno.',
  'check.introPrisoner': 'Gwiriwch fod y camera a’r meicroffon yn gweithio cyn eich ymweliad.',
  'check.start': 'Gwirio fy nghamera a’m meicroffon',
  'check.running': 'Wrthi’n gwirio eich camera a’ch meicroffon…',
  'check.again': 'Gwirio eto',
  'check.preview': 'Eich camera (dim ond chi sy’n gallu gweld hwn)',
  'check.level': 'Lefel y meicroffon',
  'check.speakHint': 'Dywedwch rywbeth: mae’r bar yn symud pan fyddwn ni’n gallu eich clywed.',
  'check.camera': 'Camera',
  'check.microphone': 'Meicroffon',
  'check.speaker': 'Sain',
  'check.network': 'Cysylltiad',
  'check.browser': 'Porwr',
  'check.device.camera': 'camera',
  'check.device.microphone': 'meicroffon',
  'check.device.speaker': 'seinydd',
  'check.status.ok': 'Yn gweithio',
  'check.status.warning': 'Gwiriwch hyn',
  'check.status.failed': 'Ddim yn gweithio',
  'check.status.unknown': 'Heb ei wirio eto',
  'check.playTone': 'Chwarae sain prawf',
  'check.heardQuestion': 'Wnaethoch chi glywed y sain?',
  'check.heardYes': 'Do, fe wnes i ei chlywed',
  'check.heardNo': 'Naddo',
  'check.speakerOk': 'Mae eich sain yn gweithio.',
  'check.passed': 'Mae eich camera a’ch meicroffon yn gweithio.',
  'check.audioOnly': 'Nid yw eich camera yn gweithio, ond gallwch ymuno gyda sain yn unig o hyd.',
  'check.mustFixMicrophone': 'Rhaid i’ch meicroffon weithio cyn i chi allu ymuno â’r ymweliad.',
  'check.fix.permission-denied':
    'Mae eich porwr yn rhwystro’r {device}. Dewiswch eicon y camera neu’r clo clap wrth ymyl y cyfeiriad gwe, caniatewch y camera a’r meicroffon, yna dewiswch Gwirio eto.',
  'check.fix.system-denied':
    'Mae gosodiadau eich dyfais yn rhwystro’r {device}. Agorwch osodiadau preifatrwydd eich dyfais, caniatewch i’r porwr hwn ddefnyddio’r camera a’r meicroffon, yna dewiswch Gwirio eto.',
  'check.fix.no-device':
    'Does dim {device} i’w weld. Cysylltwch un, neu defnyddiwch ffôn neu lechen sydd ag un, yna dewiswch Gwirio eto.',
  'check.fix.in-use':
    'Mae ap arall yn defnyddio eich {device}. Caewch apiau galwadau fideo a thabiau porwr eraill, yna dewiswch Gwirio eto.',
  'check.fix.device-not-found':
    'Nid yw’r {device} a ddewisoch wedi’i gysylltu mwyach. Cysylltwch ef neu dewiswch un arall, yna dewiswch Gwirio eto.',
  'check.fix.unsupported':
    'Nid yw’r porwr hwn yn gallu gwneud galwadau fideo. Defnyddiwch fersiwn diweddar o Chrome, Edge, Firefox neu Safari.',
  'check.fix.insecure-context':
    'Nid yw’r dudalen hon yn ddiogel (rhaid i’w chyfeiriad ddechrau gyda https), felly mae’r porwr yn rhwystro’r camera. Rhowch wybod i berchennog y wefan.',
  'check.fix.no-signal':
    'Nid ydym yn gallu clywed dim o’ch meicroffon. Gwiriwch nad yw wedi’i dawelu a mai dyma’r un rydych chi am ei ddefnyddio.',
  'check.fix.speaker':
    'Trowch y sain i fyny a gwiriwch fod eich clustffonau neu’ch seinydd wedi’u cysylltu, yna chwaraewch y sain eto.',
  'check.fix.unreachable':
    'Nid oeddem yn gallu cyrraedd y gwasanaeth fideo. Gwiriwch eich cysylltiad â’r rhyngrwyd. Mae rhai rhwydweithiau gwaith neu ysgol yn rhwystro galwadau fideo.',
  'check.fix.slow':
    'Mae eich cysylltiad yn araf, felly efallai y bydd y llun yn rhewi. Symudwch yn nes at eich llwybrydd Wi-Fi, neu dewiswch ddefnyddio llai o ddata.',
  'check.fix.autoplay-blocked': 'Ni wnaeth eich porwr chwarae’r sain. Dewiswch Chwarae sain prawf eto.',
  'check.fix.token-invalid':
    'Ni wnaeth y gwasanaeth fideo dderbyn tocyn yr ymweliad hwn. Ail-lwythwch y dudalen a rhowch gynnig arall arni.',
  'check.fix.unknown':
    'Aeth rhywbeth o’i le gyda’ch {device}. Ailgychwynnwch eich porwr, yna dewiswch Gwirio eto.',

  // rheolau
  'rules.title': 'Cytuno i reolau’r ymweliad',
  'rules.intro': 'Gall staff ddod â’r ymweliad i ben os caiff y rheolau hyn eu torri.',
  'rules.visitor.1': 'Rhaid i bawb sy’n ymddangos ar gamera fod ar yr archeb.',
  'rules.visitor.2': 'Peidiwch â recordio, tynnu lluniau, cymryd sgrinluniau na ffrydio’r ymweliad.',
  'rules.visitor.3': 'Gall staff y carchar weld a chlywed yr ymweliad.',
  'rules.visitor.4':
    'Cadwch eich wyneb o flaen y camera, a dangoswch yr ystafell os bydd staff yn gofyn i chi.',
  'rules.visitor.5': 'Peidiwch â throsglwyddo negeseuon gan neb arall, na dangos dim ganddyn nhw.',
  'rules.prisoner.1': 'Gall staff y carchar weld a chlywed yr ymweliad.',
  'rules.prisoner.2': 'Arhoswch o flaen y camera drwy gydol yr ymweliad.',
  'rules.prisoner.3': 'Mae’r ymweliad yn dod i ben ar ei ben ei hun ar yr amser gorffen.',
  'rules.agree': 'Rwy’n cytuno i reolau’r ymweliad',
  'waiting.errorPrefix': 'Gwall:',
  'rules.agreeError': 'Cytunwch i reolau’r ymweliad i ymuno',

  // arbed data
  'dataSaver.title': 'Dewis faint o ddata i’w ddefnyddio',
  'dataSaver.legend': 'Faint o ddata mae’r ymweliad yn ei ddefnyddio',
  'dataSaver.hint':
    'Amcangyfrifon ar gyfer ymweliad {duration}. Nid yw Wi-Fi fel arfer yn cyfrif tuag at lwfans data.',
  'dataSaver.mode.normal': 'Fideo arferol',
  'dataSaver.mode.low-video': 'Fideo o ansawdd isel',
  'dataSaver.mode.audio-only': 'Sain yn unig, dim fideo',
  'dataSaver.estimate': 'tua {mb} MB',

  // galwad
  'call.noVisit': 'Does dim ymweliad i ymuno ag ef ar gyfer yr alwad hon.',
  'call.remoteDropped':
    'Mae cysylltiad {name} wedi torri. Bydd yr ymweliad yn parhau pan fyddan nhw’n ailgysylltu, ac mae’r amser a gollwyd yn cael ei ychwanegu’n ôl.',
  'call.minutesLeft': {
    zero: '{count} munud ar ôl o’ch ymweliad',
    one: '{count} munud ar ôl o’ch ymweliad',
    two: '{count} funud ar ôl o’ch ymweliad',
    few: '{count} munud ar ôl o’ch ymweliad',
    many: '{count} munud ar ôl o’ch ymweliad',
    other: '{count} munud ar ôl o’ch ymweliad',
  },
  'call.credited': 'Rydym wedi ychwanegu {duration} at eich ymweliad oherwydd y broblem gyda’r cysylltiad.',
  'call.reconnecting':
    'Mae’r cysylltiad wedi torri. Wrthi’n ailgysylltu… Arhoswch ar y dudalen hon, os gwelwch yn dda.',
  'call.reconnected': 'Wedi ailgysylltu.',
  'call.audioBlocked': 'Tapiwch i droi’r sain ymlaen',

  // sgriniau diwedd
  'end.nextTitle': 'Beth sy’n digwydd nesaf',
  'end.reasonLabel': 'Rheswm:',
  'end.noteLabel': 'Nodyn gan staff:',
  'end.credited': 'Rydym wedi ychwanegu {duration} at yr ymweliad hwn oherwydd problemau gyda’r cysylltiad.',
  'end.rejoin': 'Ymuno eto',
  'end.book': 'Trefnu ymweliad arall',
  'end.time-up.title': 'Mae eich ymweliad wedi dod i ben',
  'end.time-up.body': 'Mae amser yr ymweliad ar ben.',
  'end.time-up.next': 'Gallwch drefnu ymweliad arall o’ch tudalen ymweliadau.',
  'end.time-up.nextPrisoner': 'Bydd staff yn dweud wrthych chi am eich ymweliad nesaf.',
  'end.ended-by-staff.title': 'Daeth staff y carchar â’r ymweliad i ben',
  'end.ended-by-staff.body': 'Daeth yr ymweliad i ben cyn ei amser gorffen.',
  'end.ended-by-staff.next':
    'Os ydych chi’n credu mai camgymeriad oedd hyn, cysylltwch â’r carchar. Oni bai bod y carchar yn dweud fel arall, gallwch drefnu ymweliad arall.',
  'end.ended-by-staff.nextPrisoner': 'Siaradwch â swyddog os oes gennych chi gwestiynau.',
  'end.connection-lost.title': 'Collwyd y cysylltiad',
  'end.connection-lost.body': 'Nid oeddem yn gallu ailgysylltu’r alwad.',
  'end.connection-lost.next':
    'Os oes amser ar ôl, ymunwch eto. Mae amser a gollwyd oherwydd problemau gyda’r cysylltiad yn cael ei ychwanegu’n ôl at eich ymweliad yn awtomatig, hyd at derfyn; os collwyd mwy, cysylltwch â’r carchar i aildrefnu.',
  'end.connection-lost.nextPrisoner':
    'Os oes amser ar ôl, gall staff eich ailgysylltu. Mae amser a gollwyd yn cael ei ychwanegu’n ôl yn awtomatig.',
  'end.left.title': 'Rydych chi wedi gadael yr ymweliad',
  'end.left.body': 'Nid ydych chi yn yr alwad mwyach.',
  'end.left.next': 'Gallwch ymuno eto tra bo amser yr ymweliad yn para.',
  'end.left.nextPrisoner': 'Siaradwch â swyddog os ydych chi am ailymuno.',
  'end.duplicate-identity.title': 'Agorwyd yr ymweliad yn rhywle arall',
  'end.duplicate-identity.body':
    'Fe wnaethoch chi ymuno â’r ymweliad hwn o dab neu ddyfais arall, felly caewyd yr un hwn.',
  'end.duplicate-identity.next': 'Daliwch ati yn y tab neu’r ddyfais arall, neu ymunwch eto yma.',
  'end.duplicate-identity.nextPrisoner': 'Siaradwch â swyddog.',
  'end.denied.title': 'Ni chawsoch fynd i mewn i’r ymweliad hwn',
  'end.denied.body': 'Ni wnaeth staff y carchar eich gadael i mewn i’r alwad.',
  'end.denied.next':
    'Cysylltwch â’r carchar os oes gennych chi gwestiynau. Oni bai bod y carchar yn dweud fel arall, gallwch drefnu ymweliad arall.',
  'end.denied.nextPrisoner': 'Siaradwch â swyddog os oes gennych chi gwestiynau.',
  'end.denied.prisonerTitle': 'Nid yw’r ymweliad yn gallu mynd yn ei flaen',
  'end.denied.prisonerBody': 'Ni wnaeth staff adael eich ymwelydd i mewn i’r alwad.',
  'end.staffReason.behaviour': 'ymddygiad yn ystod yr ymweliad',
  'end.staffReason.security': 'pryder diogelwch',
  'end.staffReason.technical': 'problem dechnegol',
  'end.staffReason.requested': 'gofynnodd rhywun i’r ymweliad ddod i ben',
  'end.staffReason.other': 'rheswm arall',
  'end.denyReason.identity-not-confirmed': 'nid oedd staff yn gallu cadarnhau pwy ydych chi',
  'end.denyReason.not-on-booking': 'mae rhywun ar gamera nad yw ar yr archeb',
  'end.denyReason.behaviour': 'ymddygiad yn yr ystafell aros',
  'end.denyReason.technical': 'problem dechnegol',
  'end.denyReason.other': 'rheswm arall',
};
