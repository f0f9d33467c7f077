/** A message with plural forms, chosen with `Intl.PluralRules` by the `count` variable. `other` is required. */
export type PluralMessage = { [Category in Intl.LDMLPluralRule]?: string } & { other: string };

/** A translated string; `{name}` placeholders are filled from variables. */
export type Message = string | PluralMessage;

export type MessageTable = Record<string, Message>;
