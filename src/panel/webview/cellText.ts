// How the table shows a text cell it holds as the server sent it: an operation's name for its code,
// "no answer (error 7)" for a status below 100, and always as one line of visible text, cut short.
import { displayText } from '../../activity/displayText';
import { isNoAnswer } from '../../api/wire';
import type { ColumnSpec } from '../columns';
import type { ShowValue } from './rowStore';

/** Cells longer than this are cut (in full in the details and in narrowing). */
const CELL_CHARACTERS = 300;

/**
 * The formatting of `spec`'s cells. `choices` are the log's [code, name] pairs; `noAnswer` the
 * localized "no answer (error {0})".
 */
export function cellText(spec: ColumnSpec, choices: readonly (readonly [string, string])[], noAnswer: string): ShowValue {
  const names = new Map(choices);
  const words = (value: string): string => {
    switch (spec.show) {
      case 'choiceName': return names.get(value) ?? value;
      case 'status': return /^\d+$/.test(value) && isNoAnswer(Number(value)) ? noAnswer.replace('{0}', value) : value;
      default: return value;
    }
  };
  return (value) => displayText(words(value), CELL_CHARACTERS);
}
