/** Kept for existing imports: the date helpers live in domain/dates.ts. */
export { isIsoDate, addDays, addMonths } from '../dates.ts';
