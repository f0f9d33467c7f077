// English: the complete table every other locale is checked against. One file per area under en/.
import { booking } from './en/booking.js';
import { common } from './en/common.js';
import { staff } from './en/staff.js';
import { visits } from './en/visits.js';

export const en = {
  ...common,
  ...booking,
  ...visits,
  ...staff,
};

export type MessageKey = keyof typeof en;
