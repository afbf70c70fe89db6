import type { Text } from './text';

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
  NOT_FOR_THIS_KIND = 'NOT_FOR_THIS_KIND',
}

/** One reason of a refusal: its stable code and its words. */
export interface Refusal {
  code: RefusalCode;
  text: Text;
}

export const refusal = (code: RefusalCode, text: Text): Refusal => ({ code, text });
