import type { calendar as en } from '../en/calendar.js';
import type { Message } from '../types.js';

/** Cymraeg: y dewisydd dyddiad (`calendar.*`). */
export const calendar: Record<keyof typeof en, Message> = {
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
