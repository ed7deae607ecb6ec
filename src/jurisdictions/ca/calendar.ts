/**
 * The zone whose calendar gives Canada's dates ("today", and the day a timestamp falls on): the
 * easternmost Canadian zone, so a date is "in the future" only if it is tomorrow everywhere in Canada.
 */
export const CALENDAR_ZONE = 'America/St_Johns';
