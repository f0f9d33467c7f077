// Welsh. Typed against the English keys, so a missing key fails the type check (and server/test/i18n.test.ts).
import type { MessageKey, ProblemCode, ProblemText } from './en.js';

export const problemTexts: Record<ProblemText, string> = {
  'Some fields are not valid.': 'Nid yw rhai meysydd yn ddilys.',
  'You may not do that.': 'Ni chewch wneud hynny.',
  'That was not found.': 'Ni chafwyd hyd i hynny.',
  'That session template was not found.': 'Ni chafwyd hyd i’r templed sesiwn hwnnw.',
  'That excluded date was not found.': 'Ni chafwyd hyd i’r dyddiad eithriedig hwnnw.',
  'That event is still being applied. Try again in a moment.':
    'Mae’r digwyddiad hwnnw’n dal i gael ei gymhwyso. Rhowch gynnig arall arni mewn munud.',
  'That visit is not waiting for a review.': 'Nid yw’r ymweliad hwnnw’n aros i gael ei adolygu.',
  'That call was not found.': 'Ni chafwyd hyd i’r alwad honno.',
  'That link was not found.': 'Ni chafwyd hyd i’r cysylltiad hwnnw.',
  'That visitor was not found.': 'Ni chafwyd hyd i’r ymwelydd hwnnw.',
  'That person was not found.': 'Ni chafwyd hyd i’r person hwnnw.',
  'That session was not found.': 'Ni chafwyd hyd i’r sesiwn honno.',
  'That hold was not found.': 'Ni chafwyd hyd i’r daliad hwnnw.',
  'That visit was not found.': 'Ni chafwyd hyd i’r ymweliad hwnnw.',
  'That prison was not found.': 'Ni chafwyd hyd i’r carchar hwnnw.',
  'Bad request.': 'Cais gwael.',
  'The request body is too large.': 'Mae corff y cais yn rhy fawr.',
  'The request body is not valid JSON.': 'Nid yw corff y cais yn JSON dilys.',
  'The service is busy. Try again in a moment.':
    'Mae’r gwasanaeth yn brysur. Rhowch gynnig arall arni mewn munud.',
  'Something went wrong on our side.': 'Aeth rhywbeth o’i le ar ein hochr ni.',
  'There is nothing at this address.': 'Does dim byd yn y cyfeiriad hwn.',
  'The address is not valid.': 'Nid yw’r cyfeiriad yn ddilys.',
  'The address contains a NUL character.': 'Mae’r cyfeiriad yn cynnwys nod NUL.',
  'The body contains a NUL character.': 'Mae’r corff yn cynnwys nod NUL.',
  'Idempotency-Key must be 1–200 characters.': 'Rhaid i Idempotency-Key fod rhwng 1 a 200 nod.',
  'A request with this Idempotency-Key is still being processed.':
    'Mae cais gyda’r Idempotency-Key hwn yn dal i gael ei brosesu.',
  'to is too long.': 'Mae to yn rhy hir.',
  'No such prisoner.': 'Does dim carcharor o’r fath.',
  'No such user.': 'Does dim defnyddiwr o’r fath.',
  'The date range is back to front.': 'Mae’r ystod dyddiadau o chwith.',
  'The date range is too long.': 'Mae’r ystod dyddiadau yn rhy hir.',
  'The session token is missing, expired or not valid.':
    'Mae’r tocyn sesiwn ar goll, wedi dod i ben neu’n annilys.',
  'The Authorization header must be "Bearer <token>".':
    'Rhaid i’r pennawd Authorization fod yn "Bearer <token>".',
  'This device is no longer paired.': 'Nid yw’r ddyfais hon wedi’i pharu mwyach.',
  'This account no longer exists.': 'Nid yw’r cyfrif hwn yn bodoli mwyach.',
  'Sign in first.': 'Mewngofnodwch yn gyntaf.',
  'Your role may not do that.': 'Ni chaiff eich rôl wneud hynny.',
  'Too many attempts. Try again later.': 'Gormod o ymdrechion. Rhowch gynnig arall arni yn nes ymlaen.',
  'Too many requests. Try again in an hour.': 'Gormod o geisiadau. Rhowch gynnig arall arni ymhen awr.',
  'Too many sign-in codes were asked for this email address. Use the last code you were sent, or ask for a new one in {minutes} minutes.':
    'Gofynnwyd am ormod o godau mewngofnodi ar gyfer y cyfeiriad e-bost hwn. Defnyddiwch y cod diwethaf a anfonwyd atoch, neu gofynnwch am un newydd ymhen {minutes} munud.',
  'That code is not valid.': 'Nid yw’r cod hwnnw’n ddilys.',
  'That code has expired. Ask for a new one.': 'Mae’r cod hwnnw wedi dod i ben. Gofynnwch am un newydd.',
  'That pairing code is not valid.': 'Nid yw’r cod paru hwnnw’n ddilys.',
  'Use your passkey to finish signing in.': 'Defnyddiwch eich allwedd mynediad i orffen mewngofnodi.',
  'That set-up code is not valid. Ask a colleague for a new one.':
    'Nid yw’r cod gosod hwnnw’n ddilys. Gofynnwch i gydweithiwr am un newydd.',
  'That passkey could not be checked. Try again, or use another passkey.':
    'Nid oedd modd gwirio’r allwedd mynediad honno. Rhowch gynnig arall arni, neu defnyddiwch allwedd mynediad arall.',
  'That passkey request has expired or was already used. Start again.':
    'Mae’r cais am allwedd mynediad wedi dod i ben neu wedi’i ddefnyddio eisoes. Dechreuwch eto.',
  'You have no passkey yet. Ask a colleague for a set-up code.':
    'Nid oes gennych allwedd mynediad eto. Gofynnwch i gydweithiwr am god gosod.',
  'Another member of staff must give you your set-up code.':
    'Rhaid i aelod arall o staff roi eich cod gosod i chi.',
  'Unknown prison.': 'Carchar anhysbys.',
  'The prison has not approved your link to this person yet.':
    'Nid yw’r carchar wedi cymeradwyo eich cysylltiad â’r person hwn eto.',
  'No visits left until {date}.': 'Dim ymweliadau ar ôl tan {date}.',
  'No visits left in this period.': 'Dim ymweliadau ar ôl yn y cyfnod hwn.',
  'Some visitors cannot come on this visit.': 'Ni all rhai ymwelwyr ddod ar yr ymweliad hwn.',
  'The visitors do not meet this prison’s rules.': 'Nid yw’r ymwelwyr yn bodloni rheolau’r carchar hwn.',
  'That session is full or no longer available.': 'Mae’r sesiwn honno’n llawn neu nid yw ar gael mwyach.',
  'You cannot book visits until after {date}.': 'Ni allwch archebu ymweliadau tan ar ôl {date}.',
  'The hold on that session has expired or was released. Choose again.':
    'Mae’r daliad ar y sesiwn honno wedi dod i ben neu wedi’i ryddhau. Dewiswch eto.',
  'The hold on that session has expired or was released.':
    'Mae’r daliad ar y sesiwn honno wedi dod i ben neu wedi’i ryddhau.',
  'Staff use /staff/visits.': 'Mae staff yn defnyddio /staff/visits.',
  'Only the person who booked can change a visit.': 'Dim ond y person a archebodd all newid ymweliad.',
  'Only a booked or requested visit can be changed.':
    'Dim ond ymweliad sydd wedi’i archebu neu y gofynnwyd amdano y gellir ei newid.',
  'The visit has already started.': 'Mae’r ymweliad eisoes wedi dechrau.',
  'Only a booked or requested visit can be cancelled.':
    'Dim ond ymweliad sydd wedi’i archebu neu y gofynnwyd amdano y gellir ei ganslo.',
  'Only prison staff may do that.': 'Dim ond staff y carchar gaiff wneud hynny.',
  'This has already been decided.': 'Mae hyn eisoes wedi’i benderfynu.',
  'The details did not match anyone in this prison, so the link can only be rejected.':
    'Nid oedd y manylion yn cyfateb i unrhyw un yn y carchar hwn, felly dim ond gwrthod y cysylltiad y gellir.',
  'A cancelled visit has no outcome.': 'Does dim canlyniad i ymweliad sydd wedi’i ganslo.',
  'An outcome has already been recorded for this visit.':
    'Mae canlyniad eisoes wedi’i gofnodi ar gyfer yr ymweliad hwn.',
  'Only a booked visit can have an outcome.': 'Dim ond ymweliad sydd wedi’i archebu all gael canlyniad.',
  'Booked visits that would no longer fit: {count}. Repeat with ?confirm=true to cancel them.':
    'Ymweliadau wedi’u harchebu na fyddent yn ffitio mwyach: {count}. Ailadroddwch gyda ?confirm=true i’w canslo.',
  'Booked visits on that date: {count}. Repeat with ?confirm=true to cancel them.':
    'Ymweliadau wedi’u harchebu ar y dyddiad hwnnw: {count}. Ailadroddwch gyda ?confirm=true i’w canslo.',
  'That hold has already been extended once.': 'Mae’r amser hwnnw eisoes wedi’i ymestyn unwaith.',
  'This visit has ended, so it can no longer be joined or changed.':
    'Mae’r ymweliad hwn wedi dod i ben, felly ni ellir ymuno ag ef na’i newid mwyach.',
  'The range ends before it starts.': 'Mae’r cyfnod yn gorffen cyn iddo ddechrau.',
  'One export covers at most 400 days.': 'Mae un allforiad yn cwmpasu 400 diwrnod ar y mwyaf.',
  'There is no active legal hold with that id.':
    'Does dim cadw cyfreithiol gweithredol gyda’r dynodydd hwnnw.',
  'Send the body as application/json.': 'Anfonwch y corff fel application/json.',
  'That sign-in link is not valid.': 'Nid yw’r ddolen mewngofnodi honno’n ddilys.',
  'That sign-in link has expired. Ask for a new one.':
    'Mae’r ddolen mewngofnodi honno wedi dod i ben. Gofynnwch am un newydd.',
  'This session has ended. Sign in again.': 'Mae’r sesiwn hon wedi dod i ben. Mewngofnodwch eto.',
  'This session has expired. Sign in again.': 'Mae’r sesiwn hon wedi dod i ben. Mewngofnodwch eto.',
  'You were signed out after a time without activity. Sign in again.':
    'Cawsoch eich allgofnodi ar ôl cyfnod heb weithgarwch. Mewngofnodwch eto.',
  'Too many wrong codes for this account. Use the link in the email, or try again later.':
    'Gormod o godau anghywir ar gyfer y cyfrif hwn. Defnyddiwch y ddolen yn yr e-bost, neu rhowch gynnig arall arni yn nes ymlaen.',
  'At most {n} event streams may be open at once. Close one first.':
    'Gall {n} ffrwd digwyddiadau fod ar agor ar y tro ar y mwyaf. Caewch un yn gyntaf.',
  'This address answers {methods} only.': 'Dim ond {methods} y mae’r cyfeiriad hwn yn eu hateb.',
  'That device was not found.': 'Ni chafwyd hyd i’r ddyfais honno.',
  'Only the family member themselves may do that.': 'Dim ond aelod y teulu ei hun a gaiff wneud hynny.',
  'There is no record of you.': 'Does dim cofnod amdanoch chi.',
  'There is no erasure request with that id.': 'Does dim cais i ddileu gyda’r dynodydd hwnnw.',
  'That erasure request has already been decided.':
    'Mae penderfyniad eisoes wedi’i wneud ar y cais hwnnw i ddileu.',
  'Give the reason for refusing.': 'Rhowch y rheswm dros wrthod.',
  'That visit has no video call.': 'Does dim galwad fideo i’r ymweliad hwnnw.',
  'Staff do not knock.': 'Nid yw staff yn curo.',
  'Only a booked visit can be joined.': 'Dim ond ymweliad sydd wedi’i archebu y gellir ymuno ag ef.',
  'The call has ended.': 'Mae’r alwad wedi dod i ben.',
  'The call has already ended.': 'Mae’r alwad eisoes wedi dod i ben.',
  'The waiting room opens at {time} on {day}.': 'Mae’r ystafell aros yn agor am {time} {day}.',
  'Entry to this call was refused.': 'Gwrthodwyd mynediad i’r alwad hon.',
  'Staff use a monitor token.': 'Mae staff yn defnyddio tocyn monitro.',
  'The waiting room is not open yet.': 'Nid yw’r ystafell aros ar agor eto.',
  'You have not been admitted to this call.': 'Nid ydych wedi cael eich derbyn i’r alwad hon.',
  'Nobody is waiting to be admitted.': 'Does neb yn aros i gael ei dderbyn.',
  'This visitor has already been admitted or refused.':
    'Mae’r ymwelydd hwn eisoes wedi’i dderbyn neu ei wrthod.',
  'Video calls are not configured on this server.': 'Nid yw galwadau fideo wedi’u gosod ar y gweinydd hwn.',
  'Video calls are not configured.': 'Nid yw galwadau fideo wedi’u gosod.',
  'The webhook signature is not valid.': 'Nid yw llofnod y webhook yn ddilys.',
  'Quality summaries come at most every {seconds} seconds.':
    'Daw crynodebau ansawdd bob {seconds} eiliad ar y mwyaf.',
  'Quality is reported by the participants of the call only.':
    'Dim ond cyfranogwyr yr alwad sy’n adrodd ar ansawdd.',
  'A legal visit is never monitored.': 'Nid yw ymweliad cyfreithiol byth yn cael ei fonitro.',
  'In a legal visit staff see the lobby only until the visitor is admitted.':
    'Mewn ymweliad cyfreithiol, dim ond nes derbyn yr ymwelydd y mae staff yn gweld y lobi.',
  'That would take the balance below zero: it is {remaining} now.':
    'Byddai hynny’n mynd â’r balans o dan sero: {remaining} yw’r balans nawr.',
  'That would take the balance above the most it may hold ({max}).':
    'Byddai hynny’n mynd â’r balans dros yr uchafswm y caiff ei ddal ({max}).',
  'The balance changed while you were adjusting it. Try again.':
    'Newidiodd y balans tra oeddech chi’n ei addasu. Rhowch gynnig arall arni.',
};

export const problemTitles: Record<ProblemCode, string> = {
  validation: 'Nid yw’r cais yn ddilys',
  unauthenticated: 'Angen mewngofnodi',
  forbidden: 'Ddim yn cael ei ganiatáu',
  'not-found': 'Heb ei ganfod',
  'rate-limited': 'Gormod o geisiadau',
  'slot-unavailable': 'Nid yw’r sesiwn honno ar gael mwyach',
  'hold-expired': 'Mae’r daliad ar y sesiwn honno wedi dod i ben',
  'no-allowance': 'Dim lwfans ymweliadau ar ôl',
  'visitor-limits': 'Nid yw’r ymwelwyr yn bodloni rheolau’r carchar',
  'link-pending': 'Nid yw’r cysylltiad â’r person hwn wedi’i gymeradwyo eto',
  'outside-window': 'Ddim ar agor ar yr adeg hon',
  'not-admitted': 'Heb eich derbyn i’r alwad',
  'not-waiting': 'Does neb yn aros',
  'call-ended': 'Mae’r alwad wedi dod i ben',
  'already-decided': 'Wedi’i benderfynu eisoes',
  'already-recorded': 'Mae canlyniad wedi’i gofnodi eisoes',
  'would-strand': 'Byddai’r newid yn gadael ymweliadau wedi’u harchebu heb le',
  conflict: 'Gwrthdaro',
  'code-invalid': 'Nid yw’r cod yn ddilys',
  'code-expired': 'Mae’r cod wedi dod i ben',
  'payload-too-large': 'Mae corff y cais yn rhy fawr',
  'method-not-allowed': 'Dull heb ei ganiatáu',
  'unsupported-media-type': 'Nid JSON yw’r corff',
  internal: 'Aeth rhywbeth o’i le',
  unavailable: 'Ddim ar gael dros dro',
  'legal-visit': 'Ymweliad cyfreithiol yw hwn',
  'allowance-limit': 'Ni ellir addasu’r lwfans gymaint â hynny',
};

export const messages: Record<MessageKey, string> = {
  codeSubject: 'Eich cod mewngofnodi visit-kit',
  codeText:
    'Eich cod mewngofnodi yw {code}. Mae’n dod i ben mewn 10 munud. Os na wnaethoch ofyn amdano, anwybyddwch yr e-bost hwn.',
  linkText: 'Neu mewngofnodwch gyda’r ddolen hon (mae’n gweithio unwaith, am 10 munud): {url}',
  bookedSubject: 'Ymweliad wedi’i archebu: {reference}',
  bookedText:
    'Mae eich ymweliad {type} â {prisoner} yn {prison} wedi’i archebu ar gyfer {when}. Cyfeirnod: {reference}.',
  requestedSubject: 'Cais am ymweliad: {reference}',
  requestedText:
    'Mae eich cais am ymweliad {type} â {prisoner} yn {prison} ar {when} wedi’i anfon i’r carchar. Cyfeirnod: {reference}. Byddwn yn rhoi gwybod i chi pan fydd wedi’i gadarnhau.',
  changedSubject: 'Ymweliad wedi newid: {reference}',
  changedText: 'Mae eich ymweliad {reference} wedi symud i {when}.',
  cancelledSubject: 'Ymweliad wedi’i ganslo: {reference}',
  cancelledText: 'Mae eich ymweliad {reference} ar {when} wedi’i ganslo. {reason}',
  approvedSubject: 'Ymweliad wedi’i gadarnhau: {reference}',
  approvedText: 'Mae’r carchar wedi cadarnhau eich ymweliad {reference} ar {when}.',
  rejectedSubject: 'Cais am ymweliad heb ei gymeradwyo: {reference}',
  rejectedText: 'Nid oedd y carchar yn gallu cymeradwyo eich cais {reference} ar {when}.',
  linkDecisionSubject: 'Eich cais i ymweld â rhywun yn y carchar',
  linkApprovedText: 'Mae eich cais wedi’i gymeradwyo. Gallwch nawr archebu ymweliadau.',
  linkRejectedText: 'Nid oedd modd cymeradwyo eich cais.',
  reminderSubject: 'Nodyn atgoffa: mae eich ymweliad {reference} yn fuan',
  reminderText:
    'Mae eich ymweliad {type} â {prisoner} yn {prison} ar {when}. Cyfeirnod: {reference}. {joining}',
  reminderVideoJoining:
    'Mae’r ystafell aros yn agor 15 munud cyn y dechrau: ymunwch o’ch tudalen ymweliadau.',
  reminderInPersonJoining:
    'Cyrhaeddwch y ganolfan ymwelwyr 30 munud yn gynnar a dewch â dull adnabod â llun.',
  typeVideo: 'fideo',
  typeInPerson: 'wyneb yn wyneb',
  bookedByStaffText:
    'Mae’r carchar wedi archebu eich ymweliad {type} â {prisoner} yn {prison} dros y ffôn ar gyfer {when}. Cyfeirnod: {reference}.',
  requestedByStaffText:
    'Mae’r carchar wedi anfon eich cais am ymweliad {type} â {prisoner} yn {prison} ar {when}, a gymerwyd dros y ffôn. Cyfeirnod: {reference}. Byddwn yn rhoi gwybod i chi pan fydd wedi’i gadarnhau.',
  changedByStaffText: 'Mae’r carchar wedi newid eich ymweliad {reference} dros y ffôn: mae nawr ar {when}.',
  cancelledByStaffText:
    'Mae’r carchar wedi canslo eich ymweliad {reference} ar {when}, fel y gofynnwyd dros y ffôn. {reason}',
  'reason.booker-cancelled': 'Chi a’i canslodd.',
  'reason.visitor-cancelled': 'Yr ymwelydd a’i canslodd.',
  'reason.prisoner-cancelled': 'Y person yn y carchar a’i canslodd.',
  'reason.establishment-cancelled': 'Y carchar a’i canslodd.',
  'reason.administrative': 'Cafodd ei ganslo am resymau gweinyddol.',
  'reason.details-changed': 'Cafodd ei ganslo oherwydd bod ei fanylion wedi newid.',
  'reason.other': 'Cafodd ei ganslo.',
  reviewSubject: 'Mae angen gwirio eich ymweliad {reference}',
  reviewText:
    'Efallai y bydd angen newid eich ymweliad {type} â {prisoner} ar {when}. {reason} Bydd y carchar yn cysylltu â chi am hyn. Does dim angen i chi wneud dim nawr; os nad ydych eisiau’r ymweliad mwyach, gallwch ei ganslo o’ch tudalen ymweliadau. Cyfeirnod: {reference}.',
  keptSubject: 'Mae eich ymweliad {reference} yn mynd yn ei flaen',
  keptText:
    'Mae’r carchar wedi gwirio eich ymweliad {reference} ar {when}: mae’n mynd yn ei flaen fel y’i archebwyd.',
  'review.prisoner-moved': 'Mae {prisoner} wedi symud i garchar arall.',
  'review.prisoner-away': 'Mae {prisoner} i ffwrdd o’r carchar am gyfnod.',
  'review.visit-conditions': 'Mae’r carchar wedi newid yr amodau ar gyfer ymweliadau â {prisoner}.',
  'review.visitor-restricted':
    'Efallai na fydd ymwelydd ar yr archeb hon yn gallu ymweld ar y dyddiad hwnnw.',
  'review.prison-arrangements': 'Mae angen i’r carchar wirio’r trefniadau ar gyfer yr ymweliad hwn.',
  'why.prisoner-released':
    'Mae {prisoner} wedi’i ryddhau o’r carchar, felly ni all yr ymweliad ddigwydd. Does dim angen i chi wneud dim.',
  'why.visits-ban':
    'Mae ymweliadau â {prisoner} wedi’u hatal tan ar ôl {until}. Gallwch archebu eto ar ôl y dyddiad hwnnw.',
  'why.visits-ban-open':
    'Mae ymweliadau â {prisoner} wedi’u hatal am y tro. Bydd y carchar yn rhoi gwybod i chi pryd y gallwch archebu eto.',
  'why.visitor-banned':
    'Ni chaiff ymwelydd ar yr archeb hon ymweld tan ar ôl {until}. Gallwch archebu ymweliad newydd ar ôl y dyddiad hwnnw.',
  'why.session-blocked':
    'Ni fydd y sesiwn honno’n cael ei chynnal. Gallwch archebu sesiwn arall o’ch tudalen ymweliadau.',
  'why.date-excluded':
    'Mae’r carchar ar gau i ymweliadau y diwrnod hwnnw. Gallwch archebu diwrnod arall o’ch tudalen ymweliadau.',
  icsSummaryVideo: 'Ymweliad fideo: {prisoner}',
  icsSummaryInPerson: 'Ymweliad: {prisoner}',
  icsDescription: 'Cyfeirnod {reference}. {prison}.',
  icsLocationVideo: 'Galwad fideo',
};

/**
 * Field messages (`errors[].message`) in Welsh. The server's own sentences are here word for word; zod's
 * generated ones ("Too small: …") vary with the limit, so a Welsh field gets `fieldFallback` for them.
 */
export const fields: Record<string, string> = {
  'Must not be before validFrom': 'Rhaid iddo beidio â bod cyn validFrom',
  'endTime must be after startTime': 'Rhaid i endTime fod ar ôl startTime',
  'Required when refusing': 'Yn ofynnol wrth wrthod',
  'Unknown prison': 'Carchar anhysbys',
  'Cannot approve an unmatched link': 'Ni ellir cymeradwyo cyswllt heb ei baru',
  'Must be on or after from': 'Rhaid iddo fod ar neu ar ôl from',
  'Must be a real date, YYYY-MM-DD': 'Rhaid iddo fod yn ddyddiad go iawn, BBBB-MM-DD',
  'Must be a date of birth in the past': 'Rhaid iddo fod yn ddyddiad geni yn y gorffennol',
  'Malformed JSON': 'JSON wedi’i ffurfio’n wael',
  'NUL characters are not allowed': 'Ni chaniateir nodau NUL',
  'Must be 1–200 characters': 'Rhaid iddo fod yn 1–200 nod',
  'Each visitor may be listed once': 'Dim ond unwaith y caiff pob ymwelydd ei restru',
  'Enter the firm you work for: this is a legal visit':
    'Rhowch y cwmni rydych chi’n gweithio iddo: ymweliad cyfreithiol yw hwn',
  'Only a legal visit session takes a firm': 'Dim ond sesiwn ymweliad cyfreithiol sy’n cymryd cwmni',
  'Add your name and date of birth to your profile first':
    'Ychwanegwch eich enw a’ch dyddiad geni at eich proffil yn gyntaf',
  'Not an approved visitor for this person': 'Nid yw’n ymwelydd cymeradwy ar gyfer y person hwn',
  'Must not be before from': 'Rhaid iddo beidio â bod cyn from',
  'The range may be at most 62 days': 'Caiff y cyfnod fod yn 62 diwrnod ar y mwyaf',
  'The held session must be for the same person and visit type':
    'Rhaid i’r sesiwn a gadwyd fod ar gyfer yr un person a’r un math o ymweliad',
  // staff acting for a family; allowance adjustments
  'Must be a prison number': 'Rhaid iddo fod yn rhif carchar',
  'Give an email or a prison number': 'Rhowch e-bost neu rif carchar',
  'Must not be zero': 'Rhaid iddo beidio â bod yn sero',
  'Say why in the note': 'Dywedwch pam yn y nodyn',
};
export const fieldFallback = 'Nid yw’r gwerth hwn yn ddilys. Gwiriwch ef a rhowch gynnig arall arni.';
