// How the table shows a text cell it holds as the server sent it: an operation's name for its code,
// "no answer: could not connect (error 7)" for a status below 100, and always as one line of visible
// text, cut short.
import { displayText } from '../../activity/displayText';
import { isNoAnswer } from '../../api/wire';
import type { ColumnSpec } from '../columns';
import type { ShowValue } from './rowStore';

/** Cells longer than this are cut (in full in the details and in narrowing). */
const CELL_CHARACTERS = 300;

/**
 * What a status below 100 reads as, from the panel's words: `noAnswer.<error>` for an error with a
 * cause named, else `noAnswer`, "no answer (error {0})".
 */
export function noAnswerWords(strings: Readonly<Record<string, string>>): (error: string) => string {
  return (error) => strings[`noAnswer.${error}`] ?? strings.noAnswer!.replace('{0}', error);
}

/** The formatting of `spec`'s cells. `choices` are the log's [code, name] pairs; `noAnswer` gives a status below 100's words. */
export function cellText(spec: ColumnSpec, choices: readonly (readonly [string, string])[], noAnswer: (error: string) => string): ShowValue {
  const names = new Map(choices);
  const words = (value: string): string => {
    switch (spec.show) {
      case 'choiceName': return names.get(value) ?? value;
      case 'status': return /^\d+$/.test(value) && isNoAnswer(Number(value)) ? noAnswer(value) : value;
      default: return value;
    }
  };
  return (value) => displayText(words(value), CELL_CHARACTERS);
}
