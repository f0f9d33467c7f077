// English: the complete table every other locale is checked against. One file per area under en/.
import { common } from './en/common.js';

export const en = {
  ...common,
};

export type MessageKey = keyof typeof en;
