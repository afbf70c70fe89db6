import type { Locale, Text } from '../i18n/locale';
import { localize } from '../i18n/locale';

/**
 * Stable codes of the reasons a request or a workflow event is refused. They appear in a refusal's
 * `extensions.refusals` and in `availableTransitions`, so a frontend can tell "hide the button"
 * (NOT_YOUR_ROLE) from "ask for a reason" (REASON_REQUIRED) without reading the words.
 */
export enum RefusalCode {
  NOT_SIGNED_IN = 'NOT_SIGNED_IN',
  NOT_YOUR_ROLE = 'NOT_YOUR_ROLE',
  REASON_REQUIRED = 'REASON_REQUIRED',
  RESOLUTION_NUMBER_REQUIRED = 'RESOLUTION_NUMBER_REQUIRED',
  TITLE_REQUIRED = 'TITLE_REQUIRED',
  SUMMARY_REQUIRED = 'SUMMARY_REQUIRED',
  TRIAD_INCOMPLETE = 'TRIAD_INCOMPLETE',
  CONFLICT_OF_INTEREST = 'CONFLICT_OF_INTEREST',
  HEARING_OPEN = 'HEARING_OPEN',
  HEARING_UNANSWERED = 'HEARING_UNANSWERED',
  HEARING_CLOSED = 'HEARING_CLOSED',
  DECIDED_ELSEWHERE = 'DECIDED_ELSEWHERE',
  NOT_THIS_BODY = 'NOT_THIS_BODY',
  EVENT_NOT_AVAILABLE = 'EVENT_NOT_AVAILABLE',
  NO_AGENDA = 'NO_AGENDA',
  NOT_STARTED = 'NOT_STARTED',
  OWN_MINUTES = 'OWN_MINUTES',
  STATUS_NOT_ALLOWED = 'STATUS_NOT_ALLOWED',
  NOT_APPROVED_YET = 'NOT_APPROVED_YET',
}

/** One reason of a refusal: its stable code and its words. */
export interface Refusal {
  code: RefusalCode;
  text: Text;
}

export const refusal = (code: RefusalCode, text: Text): Refusal => ({ code, text });

/** Refusals as a client gets them: the code and the message in the request's language. */
export function refusalsFor(locale: Locale, refusals: readonly Refusal[]): Array<{ code: RefusalCode; message: string }> {
  return refusals.map((r) => ({ code: r.code, message: localize(r.text, locale) }));
}

/**
 * The extensions of a refusal: `refusals` with their codes, and `reasons`, the same messages as
 * plain strings (kept for clients written before the codes).
 */
export function refusalExtensions(locale: Locale, refusals: readonly Refusal[]): { refusals: Array<{ code: RefusalCode; message: string }>; reasons: string[] } {
  const coded = refusalsFor(locale, refusals);
  return { refusals: coded, reasons: coded.map((r) => r.message) };
}
