import { longCalendarDate, shortCalendarDate } from '../../domain/human-date.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day as a card shows it ("Thursday 3 December 2026"); anything else (empty, already words) as given,
 * so a card built from older data never fails on a date it cannot read.
 */
export function shownDay(date: string | undefined): string {
  return date && DAY.test(date) ? longCalendarDate(date) : (date ?? '');
}

/** A calendar day in a table or list ("3 Dec"; "3 Dec 2025" outside the year of `today`), else as given. */
export function shownShortDay(date: string | undefined, today?: string): string {
  return date && DAY.test(date) ? shortCalendarDate(date, today) : (date ?? '');
}
