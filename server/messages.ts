// Notification texts in English and Welsh.
type Lang = 'en' | 'cy';
const strings = {
  en: {
    codeSubject: 'Your visit-kit sign-in code',
    codeText:
      'Your sign-in code is {code}. It expires in 10 minutes. If you did not ask for it, ignore this email.',
    linkText: 'Or sign in with this link (it works once, for 10 minutes): {url}',
    bookedSubject: 'Visit booked: {reference}',
    bookedText: 'Your {type} visit to {prisoner} at {prison} is booked for {when}. Reference: {reference}.',
    requestedSubject: 'Visit requested: {reference}',
    requestedText:
      'Your {type} visit request to see {prisoner} at {prison} on {when} has been sent to the prison. Reference: {reference}. We will tell you when it is confirmed.',
    changedSubject: 'Visit changed: {reference}',
    changedText: 'Your visit {reference} has moved to {when}.',
    cancelledSubject: 'Visit cancelled: {reference}',
    cancelledText: 'Your visit {reference} on {when} has been cancelled ({reason}).',
    approvedSubject: 'Visit confirmed: {reference}',
    approvedText: 'The prison has confirmed your visit {reference} on {when}.',
    rejectedSubject: 'Visit request not approved: {reference}',
    rejectedText: 'The prison could not approve your visit request {reference} on {when}.',
    linkDecisionSubject: 'Your request to visit someone in prison',
    linkApprovedText: 'Your request has been approved. You can now book visits.',
    linkRejectedText: 'Your request could not be approved.',
    reminderSubject: 'Reminder: your visit {reference} is soon',
    reminderText:
      'Your {type} visit to {prisoner} at {prison} is on {when}. Reference: {reference}. {joining}',
    reminderVideoJoining: 'The waiting room opens 15 minutes before the start: join from your visits page.',
    reminderInPersonJoining: 'Arrive at the visitors’ centre 30 minutes early and bring photo ID.',
  },
  cy: {
    codeSubject: 'Eich cod mewngofnodi visit-kit',
    codeText:
      'Eich cod mewngofnodi yw {code}. Mae’n dod i ben mewn 10 munud. Os na wnaethoch ofyn amdano, anwybyddwch yr e-bost hwn.',
    linkText: 'Neu mewngofnodwch gyda’r ddolen hon (mae’n gweithio unwaith, am 10 munud): {url}',
    bookedSubject: 'Ymweliad wedi’i archebu: {reference}',
    bookedText:
      'Mae eich ymweliad {type} â {prisoner} yn {prison} wedi’i archebu ar gyfer {when}. Cyfeirnod: {reference}.',
    requestedSubject: 'Cais am ymweliad: {reference}',
    requestedText:
      'Mae eich cais am ymweliad {type} â {prisoner} yn {prison} ar {when} wedi’i anfon i’r carchar. Cyfeirnod: {reference}.',
    changedSubject: 'Ymweliad wedi newid: {reference}',
    changedText: 'Mae eich ymweliad {reference} wedi symud i {when}.',
    cancelledSubject: 'Ymweliad wedi’i ganslo: {reference}',
    cancelledText: 'Mae eich ymweliad {reference} ar {when} wedi’i ganslo ({reason}).',
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
  },
} as const;

export type MessageKey = keyof (typeof strings)['en'];

export function t(lang: Lang, key: MessageKey, vars: Record<string, string> = {}): string {
  const template: string = strings[lang][key] ?? strings.en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per language and time zone.
const whenFormats = new Map<string, Intl.DateTimeFormat>();

export function when(instant: string, timeZone: string, lang: Lang): string {
  const key = `${lang}|${timeZone}`;
  let format = whenFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    whenFormats.set(key, format);
  }
  return format.format(new Date(instant));
}
